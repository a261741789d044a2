// Prints a scrypt hash for a users file: pnpm --filter @tessera/gateway hash-password <password>
import { hashPassword } from './password.ts';

const password = process.argv[2];
if (!password) {
  process.stderr.write('usage: hash-password <password>\n');
  process.exit(2);
}
process.stdout.write(`${await hashPassword(password)}\n`);
