// Login, logout and bearer-token authentication with expiring sessions and a login rate limit.
import { createHash, randomBytes } from 'node:crypto';
import type { LoginResponse, Role, User } from '@hearth/contracts/auth';
import { DomainError } from '../../http/domain-error.ts';
import type { Actor } from './actor.ts';
import type { LoginLimiter } from './login-limiter.ts';
import { verifyPassword } from './password.ts';
import type { SessionsRepository } from './sessions.repository.ts';

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** What login needs of an account: its password hash and its public shape. */
export type AccountCredentials = { passwordHash: string; user: User };

/**
 * The accounts auth signs in against: the users module's service, handed in by the composition root (auth does not
 * import users; users imports auth's actor, passwords and sessions).
 */
export type Accounts = {
  /** the account of a username (as typed; case rules are the accounts'), or null */
  credentials(username: string): Promise<AccountCredentials | null>;
  /** an account's public shape, or null */
  user(id: number): Promise<User | null>;
};

export type AuthServiceDeps = {
  accounts: Accounts;
  sessions: SessionsRepository;
  limiter: LoginLimiter;
  sessionTtlMs: number;
  now?: () => Date;
};

export function createAuthService(deps: AuthServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const badCredentials = () =>
    new DomainError('auth.invalid_credentials', 401, '用户名或密码错误 / wrong username or password');

  return {
    /** `client`: the caller's address (request.ip: the socket's, or a trusted proxy's X-Forwarded-For). */
    async login(username: string, password: string, client: string): Promise<LoginResponse> {
      const attempt = { client, username };
      const wait = await deps.limiter.retryAfterMs(attempt);
      if (wait > 0) {
        throw new DomainError(
          'auth.rate_limited',
          429,
          `登录失败次数过多，请 ${Math.ceil(wait / 60000)} 分钟后再试 / too many failed logins, retry in ${Math.ceil(wait / 1000)} s`,
        );
      }
      const account = await deps.accounts.credentials(username);
      // Verify against a dummy hash for unknown users too, so timing does not reveal which usernames exist.
      const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
      if (!account || !ok) {
        await deps.limiter.fail(attempt);
        throw badCredentials();
      }
      if (!account.user.active)
        throw new DomainError('auth.account_disabled', 403, '账号已停用 / account disabled');
      await deps.limiter.succeed(attempt);
      const token = randomBytes(32).toString('base64url');
      const createdAt = now();
      const expiresAt = new Date(createdAt.getTime() + deps.sessionTtlMs);
      await deps.sessions.insert({
        tokenHash: hashToken(token),
        userId: account.user.id,
        createdAt: createdAt.toISOString(),
        expiresAt: expiresAt.toISOString(),
      });
      return { token, expiresAt: expiresAt.toISOString(), user: account.user };
    },

    async logout(token: string): Promise<void> {
      await deps.sessions.delete(hashToken(token));
    },

    /** The actor behind a bearer token, or null if the token is unknown, expired or its account disabled. */
    async authenticate(token: string): Promise<Actor | null> {
      const found = await deps.sessions.findActive(hashToken(token), now().toISOString());
      if (!found || found.active !== 1) return null;
      return {
        userId: found.userId,
        username: found.username,
        role: found.role as Role,
        enterpriseId: found.enterpriseId,
        departmentCode: found.departmentCode,
      };
    },

    purgeExpired: () => deps.sessions.deleteExpired(now().toISOString()),
  };
}
export type AuthService = ReturnType<typeof createAuthService>;

// scrypt hash of a random password nobody knows; only used to equalise timing.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$GH0QeXk6Cvk5sGy4HI9hDkgBQvykU2TNvvv8U9Wm5Ig';
