import { hashPassword, isPasswordHash, verifyPassword } from './passwords';

describe('console passwords', () => {
  it('verifies the password a hash was made from, and no other', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(isPasswordHash(hash)).toBe(true);
    await expect(verifyPassword('correct horse battery staple', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapler', hash)).resolves.toBe(false);
    await expect(verifyPassword('', hash)).resolves.toBe(false);
  });

  it('salts every hash, so equal passwords do not show', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it.each([
    ['plain text', 'hunter2'],
    ['another scheme', '$2b$10$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz0123'],
    ['N not a power of two', 'scrypt$1000$8$1$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['N asking for more memory than allowed', 'scrypt$1048576$8$1$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  ])('refuses %s as a hash', async (_case, encoded) => {
    expect(isPasswordHash(encoded)).toBe(false);
    await expect(verifyPassword('hunter2', encoded)).rejects.toThrow(/not a password hash/);
  });
});
