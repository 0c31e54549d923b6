/**
 * Entry point of the DCE reading thread started by `DceReaderThread`: reads, splits, parses and
 * turns into records one file at a time, and posts the batches packed. Everything here runs off
 * the importing thread, which is left with the database writes.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { BatchPacker } from '../record-batch-codec';
import { sendError, type FromReader, type ToReader } from './dce-thread-protocol';
import { DceJsonReader } from './read-dce-json';

type ReadRequest = Extract<ToReader, { type: 'read' }>;

/** One queued or running read: its credit, and how to wake it when credit comes or it is dropped. */
interface Read {
  request: ReadRequest;
  credit: number;
  cancelled: boolean;
  wake: (() => void) | null;
}

function serve(port: MessagePort): void {
  const reads = new Map<number, Read>();
  const queue: Read[] = [];
  let running = false;
  const post = (message: FromReader) => port.postMessage(message);

  const run = async (read: Read): Promise<void> => {
    const { id, file, options } = read.request;
    const reader = new DceJsonReader(file, options);
    const packer = new BatchPacker();
    try {
      for await (const batch of reader.batches()) {
        while (read.credit === 0 && !read.cancelled) await new Promise<void>((resolve) => (read.wake = resolve));
        if (read.cancelled) return; // leaving the loop closes the file
        read.credit--;
        post({ type: 'batch', id, batch: packer.pack(batch), info: { ...reader.info } });
      }
      post({ type: 'done', id, info: reader.info });
    } catch (error) {
      if (!read.cancelled) post({ type: 'failed', id, error: sendError(error) });
    }
  };

  const next = async (): Promise<void> => {
    if (running) return;
    running = true;
    for (let read = queue.shift(); read; read = queue.shift()) {
      if (!read.cancelled) await run(read);
      reads.delete(read.request.id);
    }
    running = false;
  };

  port.on('message', (message: ToReader) => {
    if (message.type === 'read') {
      const read: Read = { request: message, credit: message.credit, cancelled: false, wake: null };
      reads.set(message.id, read);
      queue.push(read);
      void next();
      return;
    }
    const read = reads.get(message.id);
    if (!read) return;
    if (message.type === 'credit') read.credit++;
    else read.cancelled = true;
    read.wake?.();
    read.wake = null;
  });
}

if (parentPort) serve(parentPort);
