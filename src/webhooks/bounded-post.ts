import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

/** What is read of a receiver's answer at most; the rest is not waited for. */
export const ANSWER_LIMIT_BYTES = 64 * 1024;

export interface PostOutcome {
  status?: number;
  /** Why the attempt failed, when the status alone does not say. */
  error?: string;
}

function judged(status: number): PostOutcome {
  if (status >= 300 && status < 400) return { status, error: `answered ${status}, a redirect, which webhooks do not follow` };
  return { status };
}

/**
 * POSTs once, bounded however a receiver might stretch the exchange: connecting, sending and answering
 * together end at `timeoutMs`; at most `ANSWER_LIMIT_BYTES` of the answer are read before the connection
 * is dropped (the status has decided the attempt by then); a redirect is reported, never followed.
 * Credentials in the URL go as basic authentication, as curl sends them.
 */
export function boundedPost(
  target: URL,
  message: { headers: Record<string, string>; body: string },
  limits: { timeoutMs: number; lookup: LookupFunction },
): Promise<PostOutcome> {
  return new Promise((resolve) => {
    let status: number | undefined;
    const exchange = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, {
      method: 'POST',
      headers: { ...message.headers, 'content-length': String(Buffer.byteLength(message.body)) },
      // A connection of its own, closed with the exchange: a pooled one would outlive the sandbox's stop.
      agent: false,
      lookup: limits.lookup,
    });
    const finish = (outcome: PostOutcome) => {
      clearTimeout(deadline);
      resolve(outcome);
      exchange.destroy();
    };
    const deadline = setTimeout(
      () => finish({ status, error: `no complete answer within ${limits.timeoutMs} ms` }),
      limits.timeoutMs,
    );
    exchange.on('error', (error) => finish({ status, error: error.message }));
    exchange.on('response', (answer) => {
      const answered = answer.statusCode!;
      status = answered;
      let read = 0;
      answer.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > ANSWER_LIMIT_BYTES) finish(judged(answered));
      });
      answer.on('end', () => finish(judged(answered)));
      answer.on('error', (error) => finish({ status, error: error.message }));
    });
    exchange.end(message.body);
  });
}
