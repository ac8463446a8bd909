import { resolve } from 'node:path';
import { REPO_ROOT, infraPidFile } from './infra';

describe('infraPidFile', () => {
  const saved = process.env.OMNIFLOW_HOME;
  afterEach(() => {
    if (saved === undefined) delete process.env.OMNIFLOW_HOME;
    else process.env.OMNIFLOW_HOME = saved;
  });

  it("is the checkout's .omniflow/run by default, as infra.sh's", () => {
    delete process.env.OMNIFLOW_HOME;
    expect(infraPidFile('kafka')).toBe(resolve(REPO_ROOT, '.omniflow/run/kafka.pid'));
  });

  it('follows OMNIFLOW_HOME, a relative one from the working directory', () => {
    process.env.OMNIFLOW_HOME = '/srv/omniflow';
    expect(infraPidFile('mariadb')).toBe('/srv/omniflow/run/mariadb.pid');
    process.env.OMNIFLOW_HOME = 'elsewhere';
    expect(infraPidFile('temporal')).toBe(resolve(process.cwd(), 'elsewhere/run/temporal.pid'));
  });
});
