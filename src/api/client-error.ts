import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError } from '../core/errors.ts';
import { rawErrorResponse } from './errors.ts';

/**
 * Requests Node refuses before the app sees them (headers or URL over
 * 16 KiB, a method it does not know, a malformed request) get the API's
 * JSON error too, instead of Node's empty answer.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [appError, reason] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [new AppError('HEADERS_TOO_LARGE', 'the request line or headers are over 16 KiB: shorten the query'), 'Request Header Fields Too Large']
        : error.code === 'HPE_INVALID_METHOD'
          ? [new AppError('METHOD_NOT_ALLOWED', 'unknown method: the API is read-only (GET, HEAD, OPTIONS)'), 'Method Not Allowed']
          : [new AppError('BAD_INPUT', 'malformed HTTP request'), 'Bad Request'];
    socket.end(rawErrorResponse(appError, reason));
  });
}
