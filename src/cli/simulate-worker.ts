import { parentPort, workerData } from 'node:worker_threads';
import { PolicyCache } from '../parse';
import type { LineBlock } from './read-lines';
import { answerBlock, type SimulateOptions } from './simulate-answers';

/**
 * One worker of `mq-policy simulate`: answers the blocks of lines it is sent, each tagged with its
 * sequence number so the main thread writes the answers in input order. It keeps its own policy cache.
 */
const options = workerData as SimulateOptions;
const cache = new PolicyCache();
parentPort!.on('message', (m: { seq: number; block: LineBlock }) => {
  const block: LineBlock = m.block.kind === 'bytes' ? { ...m.block, bytes: Buffer.from(m.block.bytes.buffer, m.block.bytes.byteOffset, m.block.bytes.byteLength) } : m.block;
  parentPort!.postMessage({ seq: m.seq, answers: answerBlock(block, options, cache) });
});
parentPort!.postMessage({ ready: true });
