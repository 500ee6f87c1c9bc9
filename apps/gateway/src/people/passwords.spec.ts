import { describe, expect, it } from '@jest/globals';
import { DUMMY_HASH, generatePassword, hashPassword, passwordProblem, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('given a hashed password, when verifying, then only the same password passes', async () => {
    const hash = await hashPassword('Correct-Horse-9');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    await expect(verifyPassword('Correct-Horse-9', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct-horse-9', hash)).resolves.toBe(false);
    await expect(verifyPassword('anything', DUMMY_HASH)).resolves.toBe(false);
  });

  it.each([
    ['short1A!', 'zhang', /12/],
    ['alllowercaseletters', 'zhang', /三类/],
    ['Zhang-Wei-2021x', 'zhang', /用户名/],
    ['Ok-Password-2021', 'zhang', undefined],
  ])('given %p, when checking the policy, then the problem matches %p', (password, username, problem) => {
    const found = passwordProblem(password, username);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });

  it('given a generated password, when checking the policy, then it passes', () => {
    expect(passwordProblem(generatePassword(), 'admin')).toBeUndefined();
  });
});
