import { parentPort } from 'node:worker_threads';
import { answerSegmentRequest, type SegmentRequest } from './queue-log-kpi.js';

// One segment at a time, as the main thread asks (see queueLogKpi).
parentPort?.on('message', (request: SegmentRequest) => {
  void answerSegmentRequest(request).then((reply) => parentPort?.postMessage(reply));
});
