import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app.config';
import { hashPassword } from '../../modules/auth/password';
import { User } from '../../modules/users/user.entity';
import { resolveDataSourceOptions } from '../data-source';

export const ADMIN_USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;
export const ADMIN_PASSWORD_MIN = 12;

export class CreateAdminError extends Error {}

/** Creates the first real admin (or another one); never changes an existing account. */
export async function createAdmin(config: Pick<AppConfig, 'databaseUrl' | 'embeddedDbFile' | 'dbPoolSize'>, username: string, password: string): Promise<{ id: number }> {
  if (!ADMIN_USERNAME.test(username)) throw new CreateAdminError('--username must be 3–32 letters, digits, ".", "_" or "-"');
  if (password.length < ADMIN_PASSWORD_MIN) throw new CreateAdminError(`the password must have at least ${ADMIN_PASSWORD_MIN} characters`);
  if (password.length > 256) throw new CreateAdminError('the password must have at most 256 characters');
  const ds = new DataSource(await resolveDataSourceOptions({ ...config, dbPoolSize: 1 }));
  await ds.initialize();
  try {
    if ((await ds.showMigrations())) throw new CreateAdminError('the database has pending migrations: run `npm run db:migrate` first');
    const users = ds.getRepository(User);
    if (await users.exists({ where: { username } })) throw new CreateAdminError(`an account named "${username}" already exists`);
    const saved = await users.save(users.create({ role: 'admin', username, passwordHash: await hashPassword(password), nickname: username }));
    return { id: saved.id };
  } finally {
    await ds.destroy();
  }
}

/** The password from standard input: the first line, without its line ending. Never from argv, where `ps` shows it. */
export async function readPasswordFromStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  let data = '';
  for await (const chunk of stdin) {
    data += chunk.toString();
    if (data.includes('\n')) break;
  }
  return data.split(/\r?\n/)[0] ?? '';
}
