import { PortInUseError, type StaticServer, serveStatic } from '@chatroutes/static-server';

/** The port `docs:serve` tries when none is asked for: Vite's preview port, familiar to readers. */
export const DEFAULT_PORT = 4173;

export interface PortChoice {
  port: number;
  /** True when the reader asked for this port: then a port in use is an error, not a detour. */
  required: boolean;
}

/** Reads `--port <n>`, `--port=<n>`, a bare `<n>` or `PORT`; none of them means 4173 or any free port. */
export function choosePort(argv: readonly string[], env: NodeJS.ProcessEnv): PortChoice {
  const flag = argv.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  const value =
    flag === -1
      ? (argv.find((arg) => /^\d+$/.test(arg)) ?? env.PORT)
      : (argv[flag]?.split('=')[1] ?? argv[flag + 1]);
  if (value === undefined || value === '') return { port: DEFAULT_PORT, required: false };
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(
      `"${value}" is not a port: give a number from 0 to 65535 (0 = any free port).`,
    );
  }
  return { port, required: true };
}

/**
 * Serves `root` on the chosen port; when the default port is taken (another preview, another
 * checkout's site), any free port instead, since the reader did not ask for that one.
 */
export async function serveOnChosenPort(
  root: string,
  { port, required }: PortChoice,
): Promise<{ server: StaticServer; movedFrom?: number }> {
  try {
    return { server: await serveStatic(root, { port }) };
  } catch (error) {
    if (required || !(error instanceof PortInUseError)) throw error;
    return { server: await serveStatic(root, { port: 0 }), movedFrom: port };
  }
}
