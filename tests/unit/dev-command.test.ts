/**
 * `npm run dev` on a machine without a display says so at once, before it spends time building
 * an extension it cannot show.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

it('npm run dev without a display explains what to do, and builds nothing first', () => {
  const run = spawnSync('npm', ['run', 'dev'], {
    cwd: resolve(import.meta.dirname, '../..'),
    env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('No display found: "npm run dev" opens a browser window');
  expect(run.stderr).toContain('xvfb-run -a npm run dev');
  // No build ran: neither WXT's command nor its output.
  expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/wxt build|Building|Finished in/);
}, 180_000);
