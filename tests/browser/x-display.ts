/**
 * A screen of its own for browsers that show their windows (Xvfb), and a person's keyboard on it
 * (xdotool, through the X server's test extension): keys that go through the browser as a person's
 * do, where simulated keys (DevTools, WebDriver) are handed to the page directly.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface XDisplay {
  /** The display's name, e.g. `:93`, for a browser's `DISPLAY`. */
  name: string;
  /** Presses keys as xdotool names them, e.g. `alt+shift+h`, into the window last clicked. */
  key(keys: string): Promise<void>;
  /**
   * Clicks at a point of the screen, as a person's mouse does: with no window manager, a browser
   * takes the keys only once its window is clicked.
   */
  click(x: number, y: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts Xvfb on the first free display from :90 (each test file its own). */
export async function startXDisplay(): Promise<XDisplay> {
  for (const tool of ['/usr/bin/Xvfb', '/usr/bin/xdotool'])
    if (!existsSync(tool)) throw new Error(`${tool} is missing: apt-get install -y xvfb xdotool`);
  for (let n = 90; n < 130; n++) {
    if (existsSync(`/tmp/.X${n}-lock`)) continue;
    const server = spawn('/usr/bin/Xvfb', [`:${n}`, '-screen', '0', '1280x1000x24', '-nolisten', 'tcp'], {
      stdio: 'ignore',
    });
    if (await started(server, n)) {
      const env = { ...process.env, DISPLAY: `:${n}` };
      return {
        name: `:${n}`,
        key: async (keys) => {
          await run('/usr/bin/xdotool', ['key', '--delay', '60', keys], { env });
        },
        click: async (x, y) => {
          await run('/usr/bin/xdotool', ['mousemove', String(x), String(y), 'click', '1'], { env });
        },
        stop: () =>
          new Promise<void>((done) => {
            if (server.exitCode !== null) {
              done();
              return;
            }
            server.once('exit', () => done());
            server.kill();
          }),
      };
    }
  }
  throw new Error('No free X display between :90 and :129');
}

/** Whether Xvfb came up on display `n` (its socket is there), waiting as long as a busy machine needs. */
async function started(server: ChildProcess, n: number): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) return false;
    if (existsSync(`/tmp/.X11-unix/X${n}`)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  server.kill();
  return false;
}
