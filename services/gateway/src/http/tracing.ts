import type { RequestHandler } from 'express';
import { SpanKind, activeTraceparent, inSpan } from '@omniflow/lib';
import { routeOf } from './observe';

/**
 * Every request runs in a server span that continues the caller's W3C `traceparent`, or starts a trace. The
 * response names it (`traceparent`, and `x-trace-id` for people), and whatever the request starts carries it on:
 * the order's workflow (Temporal's client interceptor puts it in the start call's headers), and from there
 * every command and reply, so `grep <trace id>` finds the order's lines in every process's log.
 */
export function traceRequests(): RequestHandler {
  return (req, res, next) => {
    void inSpan(req.method, SpanKind.SERVER, req.headers, (span) => {
      res.set('traceparent', activeTraceparent());
      res.set('x-trace-id', span.spanContext().traceId);
      return new Promise<void>((ended) => {
        // 'close' comes once the response is sent, or the client went away: the span ends either way.
        res.once('close', () => {
          span.updateName(`${req.method} ${routeOf(req)}`);
          span.setAttributes({ 'http.request.method': req.method, 'http.route': routeOf(req), 'http.response.status_code': res.statusCode });
          ended();
        });
        next();
      });
    });
  };
}
