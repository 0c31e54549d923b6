import type http from 'node:http';

/** The port could not be bound (most often: in use). */
export class ServerListenError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'ServerListenError';
  }
}

/** Binds `server` or fails with one clear line. */
export function listen(server: http.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const where = `${host}:${port}`;
      const message =
        error.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is already in use: stop what runs there or choose another with --port`
          : error.code === 'EACCES'
            ? `not allowed to listen on ${where} (ports below 1024 need privileges): choose another with --port`
            : `cannot listen on ${where}: ${error.message}`;
      reject(new ServerListenError(message, error.code));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.removeListener('error', onError);
      resolve();
    });
  });
}

