import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config';
import { loadEnvFiles } from './env-file';

const folder = mkdtempSync(join(tmpdir(), 'omniflow-env-file-'));
const file = join(folder, 'service.env');
writeFileSync(file, '# a comment\nOMNIFLOW_TEST_FROM_FILE=file\nOMNIFLOW_TEST_BOTH=file\n');

afterEach(() => {
  delete process.env.OMNIFLOW_TEST_FROM_FILE;
  delete process.env.OMNIFLOW_TEST_BOTH;
});

it.each([[['--env-file', file]], [[`--env-file=${file}`]]])('loads %j, the environment winning over the file', (args) => {
  process.env.OMNIFLOW_TEST_BOTH = 'environment';
  loadEnvFiles(args);
  expect(process.env.OMNIFLOW_TEST_FROM_FILE).toBe('file');
  expect(process.env.OMNIFLOW_TEST_BOTH).toBe('environment');
});

it('lets a later file win over an earlier one', () => {
  const later = join(folder, 'later.env');
  writeFileSync(later, 'OMNIFLOW_TEST_BOTH=later\n');
  const env: NodeJS.ProcessEnv = {};
  loadEnvFiles(['--env-file', file, '--env-file', later], env);
  expect(env).toEqual({ OMNIFLOW_TEST_FROM_FILE: 'file', OMNIFLOW_TEST_BOTH: 'later' });
});

it('refuses a missing file, a flag without a path and any other argument, all in one error, loading nothing', () => {
  const missing = join(folder, 'missing.env');
  let error: unknown;
  try {
    loadEnvFiles(['--env-file', file, '--port', `--env-file=${missing}`, '--env-file']);
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).problems).toEqual([
    '--port: unknown argument (the only one is --env-file <path>; settings are environment variables)',
    '--env-file: needs a path',
    `--env-file ${missing}: no such file`,
  ]);
  expect(process.env.OMNIFLOW_TEST_FROM_FILE).toBeUndefined();
});

it('accepts no arguments at all', () => {
  expect(() => loadEnvFiles([])).not.toThrow();
});
