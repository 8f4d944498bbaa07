import type { SignedInAccount } from '../../web/account.ts';
import type { AccountTable } from './table.ts';

// The auth module's domain object, made from rows: the signed-in person as every page guard and view sees
// them (src/web/account.ts declares the shape; the account row's organiser link and times stay here).

export function toSignedInAccount(
  row: Pick<AccountTable, 'id' | 'email' | 'name' | 'role'>,
): SignedInAccount {
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
