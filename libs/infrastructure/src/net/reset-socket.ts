import { Socket } from 'node:net';

/** Aborts a socket with a TCP RST where possible (so the peer sees a reset, not a clean close); plain destroy otherwise. */
export function resetSocket(socket: Socket): void {
  if (socket.destroyed) return;
  try {
    socket.resetAndDestroy();
  } catch {
    // Unix sockets have no RST; resetAndDestroy throws ERR_INVALID_HANDLE_TYPE for them.
    socket.destroy();
  }
}
