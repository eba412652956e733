import type { OperationHandler, Partition } from '../contract.js';
import { badRequest } from './errors.js';
import { valueAtPath } from '../kit.js';
import { sameValue } from './model.js';
import { refuseSuspended, requireSendUser } from './verification.js';
import type { components, operations } from './generated/openapi.js';

type DeclarationFields = components['schemas']['DeclarationInput'];

/** A send user's declaration, stored under the user's id. */
interface StoredDeclaration extends DeclarationFields {
  id: string;
}

const declarationsOf = (partition: Partition) => partition.collection<StoredDeclaration>('declarations');

/** The declaration as answered: the user's id, keys in alphabetical order as SEND answers its objects. */
const presentDeclaration = ({ id, agreement_date_time, ip_address, user_agent, user_agreement }: StoredDeclaration) => ({
  agreement_date_time,
  ip_address,
  user_agent,
  user_agreement,
  user_id: id,
});

/**
 * Declaration, modelled on the User Agreement of Machnet's RaaS API (see the operation's assumption): once the
 * user has agreed, its details cannot be updated; a refusal agreed to may still be replaced by an agreement.
 */
const submitDeclaration: OperationHandler<operations['submitDeclaration']> = (context) => {
  const user = requireSendUser(context, 'Only send users make a declaration');
  refuseSuspended(user);
  const declarations = declarationsOf(context.partition);
  const current = declarations.get(user.id);
  if (current?.user_agreement) {
    const sent: Record<string, unknown> = context.body;
    const changed = Object.keys(sent).find((field) => !sameValue(sent[field], valueAtPath(current, [field])));
    if (changed) throw badRequest('FIELD_NOT_UPDATABLE', `${changed} cannot be updated once the user has agreed`, changed);
    return { status: 200, body: presentDeclaration(current) };
  }
  return { status: 200, body: presentDeclaration(declarations.put({ ...context.body, id: user.id })) };
};

export const declarationHandlers = { submitDeclaration };
