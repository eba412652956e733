import type { OperationContext, OperationHandler, PathContext } from '../contract.js';
import { notFound } from './errors.js';
import { banksOf, companyId, linksOf, type BankAccount } from './model.js';
import { ok } from './respond.js';
import type { operations } from './generated/openapi.js';

type Body = Record<string, unknown>;

interface Rail {
  type: BankAccount['type'];
  currency: string;
  /** Body fields kept as they are sent. */
  fields: string[];
  /** Body fields the account shows under another name: SPEI's `account_number` is its `clabe`. */
  renamed?: Record<string, string>;
}

const COMMON = ['bank_name', 'account_alias', 'address'];

const RAILS = {
  createUsBankAccount: {
    type: 'ACH',
    currency: 'USD',
    fields: [...COMMON, 'bank_holder_name', 'account_number', 'routing_number', 'account_type'],
  },
  createSpeiBankAccount: {
    type: 'SPEI',
    currency: 'MXN',
    fields: [...COMMON, 'bank_holder_name'],
    renamed: { account_number: 'clabe' },
  },
  createSepaBankAccount: {
    type: 'SEPA',
    currency: 'EUR',
    fields: [...COMMON, 'bank_holder_first_name', 'bank_holder_last_name', 'bic', 'country'],
    renamed: { account_number: 'iban' },
  },
  createPixBankAccount: {
    type: 'PIX',
    currency: 'BRL',
    fields: [...COMMON, 'bank_holder_first_name', 'bank_holder_last_name', 'pix_key', 'document_number', 'country'],
  },
} satisfies Record<string, Rail>;

/** The context of any of the four account creations: the client in the path, the rail's fields in the body. */
type CreationContext = OperationContext<{
  parameters: { path: { clientId: string } };
  requestBody: { content: { 'application/json': Body } };
}>;

const SHOWN = [
  'id', 'company_id', 'client_id', 'bank_name', 'bank_holder_name', 'account_alias', 'type', 'currency',
  'account_number', 'routing_number', 'account_type', 'clabe', 'iban', 'bic', 'pix_key', 'document_number',
];

/** The account as the docs show it: the holder's split name, address and country are taken, not shown. */
function publicBankAccount(account: BankAccount): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const field of SHOWN) if (account[field] !== undefined) shown[field] = account[field];
  return shown;
}

/** Bank accounts are opened at Bridge, so a client needs its Bridge customer id first. */
function requireBridgeCustomer(context: OperationContext, clientId: string): void {
  const linked = linksOf(context)
    .values()
    .some((link) => link.client_id === clientId && link.provider === 'BRIDGE');
  if (!linked) throw notFound('Client does not have a customer ID for provider BRIDGE');
}

function createBankAccount(rail: Rail) {
  return (context: CreationContext) => {
    const clientId = context.params.clientId;
    requireBridgeCustomer(context, clientId);
    const body = context.body;
    const account: BankAccount = {
      id: `ba_${context.random.uuid()}`,
      company_id: companyId(context),
      client_id: clientId,
      type: rail.type,
      currency: rail.currency,
    };
    for (const field of rail.fields) if (body[field] !== undefined && body[field] !== null) account[field] = body[field];
    for (const [field, shownAs] of Object.entries(rail.renamed ?? {})) {
      if (body[field] !== undefined && body[field] !== null) account[shownAs] = body[field];
    }
    // CryptoMate takes `CHECKING` or `SAVINGS` and shows it in lower case.
    if (typeof account.account_type === 'string') account.account_type = account.account_type.toLowerCase();
    return ok(context, publicBankAccount(banksOf(context).put(account)));
  };
}

function requireBankAccount(context: PathContext<{ clientId: string; bankId: string }>): BankAccount {
  const { clientId, bankId } = context.params;
  const account = banksOf(context).get(bankId);
  if (!account || account.client_id !== clientId) {
    throw notFound(`Bank account ${bankId} for company ${companyId(context)} not found`);
  }
  return account;
}

const listBankAccounts: OperationHandler<operations['listBankAccounts']> = (context) => {
  const clientId = context.params.clientId;
  const accounts = banksOf(context)
    .values()
    .filter((account) => account.client_id === clientId);
  return ok(context, accounts.map(publicBankAccount));
};

const getBankAccount: OperationHandler<operations['getBankAccount']> = (context) => ok(context, publicBankAccount(requireBankAccount(context)));

const deleteBankAccount: OperationHandler<operations['deleteBankAccount']> = (context) => {
  const account = requireBankAccount(context);
  banksOf(context).delete(account.id);
  return ok(context, publicBankAccount(account));
};

/** A client's bank accounts go when the client does. */
export function deleteBankAccountsOf(context: OperationContext, clientId: string): void {
  const banks = banksOf(context);
  for (const account of banks.values()) if (account.client_id === clientId) banks.delete(account.id);
}

export const bankHandlers = {
  listBankAccounts,
  getBankAccount,
  deleteBankAccount,
  createUsBankAccount: createBankAccount(RAILS.createUsBankAccount),
  createSpeiBankAccount: createBankAccount(RAILS.createSpeiBankAccount),
  createSepaBankAccount: createBankAccount(RAILS.createSepaBankAccount),
  createPixBankAccount: createBankAccount(RAILS.createPixBankAccount),
};
