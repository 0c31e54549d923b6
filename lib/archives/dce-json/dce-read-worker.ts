/**
 * Entry point of the DCE reading thread started by `DceReaderThread`: reads, splits, parses and
 * turns into records one file at a time, and posts the batches packed. Everything here runs off
 * the importing thread, which is left with only the database writes.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { BatchPacker } from '../record-batch-codec';
import { sendError, type FromReader, type ToReader } from './dce-thread-protocol';
import { DceJsonReader } from './read-dce-json';

function serve(port: MessagePort): void {
  let credit = 0;
  let wake: (() => void) | null = null;
  const post = (message: FromReader) => port.postMessage(message);

  const read = async (request: Extract<ToReader, { type: 'read' }>): Promise<void> => {
    const reader = new DceJsonReader(request.file, request.options);
    const packer = new BatchPacker();
    try {
      for await (const batch of reader.batches()) {
        while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
        credit--;
        post({ type: 'batch', batch: packer.pack(batch), info: { ...reader.info } });
      }
      post({ type: 'done', info: reader.info });
    } catch (error) {
      post({ type: 'failed', error: sendError(error) });
    }
  };

  port.on('message', (message: ToReader) => {
    if (message.type === 'credit') {
      credit++;
      wake?.();
      wake = null;
    } else {
      credit = message.credit;
      void read(message);
    }
  });
}

if (parentPort) serve(parentPort);
