// The Update User page's two tables, written out from the page (paas.docs.machnetinc.com/api-references/user/user-kyc),
// not read from the code: test/send/update-matrix.test.ts checks every cell through the API,
// test/send/update-rules.test.ts against the rule that decides an update.
import type { UserKind } from '../../src/vendors/send/model.js';

export type Cell = 'Yes' | 'No' | 'Conditional';

/**
 * "Updatable fields for send user (individual)" and "(business)", row for row as
 * [field, User is verified, User is not verified].
 */
export const PAGE_TABLES: Record<UserKind, [string, Cell, Cell][]> = {
  individual: [
    ['first_name', 'No', 'Yes'],
    ['middle_name', 'No', 'Yes'],
    ['last_name', 'No', 'Yes'],
    ['mobile_phone', 'Yes', 'Yes'],
    ['email', 'No', 'Yes'],
    ['address_line1', 'Yes', 'Yes'],
    ['address_line2', 'Yes', 'Yes'],
    ['city', 'Yes', 'Yes'],
    ['state', 'Yes', 'Yes'],
    ['country', 'No', 'No'],
    ['zipcode', 'Yes', 'Yes'],
    ['date_of_birth', 'No', 'Yes'],
    ['gender', 'No', 'Yes'],
    ['user_scope', 'No', 'Yes'],
    ['occupation', 'Yes', 'Yes'],
    ['type', 'No', 'No'],
    ['physical_documents', 'Yes', 'Yes'],
    ['virtual_documents', 'Conditional', 'Yes'],
    ['company_details', 'Yes', 'Yes'],
  ],
  business: [
    ['first_name', 'No', 'Yes'],
    ['mobile_phone', 'Yes', 'Yes'],
    ['email', 'Yes', 'Yes'],
    ['address_line1', 'Yes', 'Yes'],
    ['address_line2', 'Yes', 'Yes'],
    ['city', 'Yes', 'Yes'],
    ['state', 'Yes', 'Yes'],
    ['country', 'No', 'No'],
    ['zipcode', 'Yes', 'Yes'],
    ['date_of_birth', 'No', 'Yes'],
    ['business', 'No', 'No'],
    ['business_type', 'No', 'Yes'],
    ['user_scope', 'No', 'Yes'],
    ['company_website', 'Yes', 'Yes'],
    ['number_of_employee', 'Yes', 'Yes'],
    ['mailing_address', 'Yes', 'Yes'],
    ['virtual_documents', 'No', 'Yes'],
    ['physical_documents', 'Conditional', 'Yes'],
    ['user_relationship', 'No', 'No'],
    ['number_of_transaction_per_month', 'Yes', 'Yes'],
    ['transaction_frequency', 'Yes', 'Yes'],
  ],
};

/**
 * The "Additional details" of the conditional cells: the document types locked once the user is verified,
 * and one type that still may change. CERTIFICATE_OF_INCORPORATION is the request sample's spelling of the
 * table's CERTIFICATION_OF_INCORPORATION, locked too (a sandbox assumption).
 */
export const CONDITIONAL: Record<UserKind, { locked: string[]; stillUpdatable: string }> = {
  individual: { locked: ['SSN'], stillUpdatable: 'PASSPORT' },
  business: { locked: ['EIN', 'CERTIFICATION_OF_INCORPORATION', 'CERTIFICATE_OF_INCORPORATION'], stillUpdatable: 'BANK_STATEMENT' },
};
