import type { OperationContext, OperationHandler, PathContext } from '../contract.js';
import { ordered } from '../kit.js';
import { notFound } from './errors.js';
import { banksOf, companyId, linksOf, present, type BankAccount } from './model.js';
import { ok } from './respond.js';
import type { components, operations } from './generated/openapi.js';

type ShownAccount = components['schemas']['BankAccount'];

/** What the rail decides, whatever the body says. */
type Rail = Pick<BankAccount, 'type' | 'currency'>;

/** What the body decides. */
type AccountFields = Omit<BankAccount, keyof Rail | 'id' | 'company_id' | 'client_id'>;

const COMMON = ['bank_name', 'account_alias', 'address'] as const;

const SHOWN: (keyof ShownAccount)[] = [
  'id', 'company_id', 'client_id', 'bank_name', 'bank_holder_name', 'account_alias', 'type', 'currency',
  'account_number', 'routing_number', 'account_type', 'clabe', 'iban', 'bic', 'pix_key', 'document_number',
];

/** CryptoMate takes `CHECKING` or `SAVINGS` and shows it in lower case. */
const ACCOUNT_TYPES = { CHECKING: 'checking', SAVINGS: 'savings' } as const;

/** The account as the docs show it: the holder's split name, address and country are taken, not shown. */
const publicBankAccount = (account: BankAccount): ShownAccount => ordered(account, SHOWN);

/** Bank accounts are opened at Bridge, so a client needs its Bridge customer id first. */
function requireBridgeCustomer(context: OperationContext, clientId: string): void {
  const linked = linksOf(context)
    .values()
    .some((link) => link.client_id === clientId && link.provider === 'BRIDGE');
  if (!linked) throw notFound('Client does not have a customer ID for provider BRIDGE');
}

function openBankAccount(context: PathContext<{ clientId: string }>, rail: Rail, fields: AccountFields) {
  const clientId = context.params.clientId;
  requireBridgeCustomer(context, clientId);
  const account: BankAccount = { id: `ba_${context.random.uuid()}`, company_id: companyId(context), client_id: clientId, ...rail, ...fields };
  return ok(context, publicBankAccount(banksOf(context).put(account)));
}

const createUsBankAccount: OperationHandler<operations['createUsBankAccount']> = (context) => {
  const body = context.body;
  const fields = { ...body, account_type: body.account_type && ACCOUNT_TYPES[body.account_type] };
  const sent = present(fields, [...COMMON, 'bank_holder_name', 'account_number', 'routing_number', 'account_type']);
  return openBankAccount(context, { type: 'ACH', currency: 'USD' }, sent);
};

// SPEI's `account_number` is its `clabe`, SEPA's its `iban`.
const createSpeiBankAccount: OperationHandler<operations['createSpeiBankAccount']> = (context) => {
  const fields = { ...context.body, clabe: context.body.account_number };
  return openBankAccount(context, { type: 'SPEI', currency: 'MXN' }, present(fields, [...COMMON, 'bank_holder_name', 'clabe']));
};

const createSepaBankAccount: OperationHandler<operations['createSepaBankAccount']> = (context) => {
  const fields = { ...context.body, iban: context.body.account_number };
  const sent = present(fields, [...COMMON, 'bank_holder_first_name', 'bank_holder_last_name', 'bic', 'country', 'iban']);
  return openBankAccount(context, { type: 'SEPA', currency: 'EUR' }, sent);
};

const createPixBankAccount: OperationHandler<operations['createPixBankAccount']> = (context) => {
  const fields = [...COMMON, 'bank_holder_first_name', 'bank_holder_last_name', 'pix_key', 'document_number', 'country'] as const;
  return openBankAccount(context, { type: 'PIX', currency: 'BRL' }, present(context.body, fields));
};

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
  createUsBankAccount,
  createSpeiBankAccount,
  createSepaBankAccount,
  createPixBankAccount,
};
