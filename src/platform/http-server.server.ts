import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import path from "node:path";
import { createRequestHandler } from "@react-router/express";
import express from "express";
import type { ServerBuild } from "react-router";
import { apiError } from "./api.server";
import { createApiDispatcher, fetchRequest, sendResponse } from "./api-dispatch.server";
import { ERROR_MESSAGES } from "./app-error";
import { config } from "./config.server";
import { csrfAllowed } from "./csrf";
import { CLIENT_IP_HEADER } from "./http.server";
import { logger } from "./logger.server";
import { shedReportWork } from "./report-shedding.server";
import { isApiPath, refuseAtTheEdge } from "./request-limits";
import { securityHeaders } from "./security-headers";

/** The Express app around the React Router build: headers, CSRF, client address, static files, logs. */
export function createApp(build: ServerBuild, clientDir: string) {
  const { PUBLIC_URL, TRUST_PROXY, MAX_BODY_BYTES } = config();
  const https = PUBLIC_URL.startsWith("https://");
  const allowedOrigins = [new URL(PUBLIC_URL).origin];
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", TRUST_PROXY);

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    for (const [name, value] of Object.entries(securityHeaders({ nonce, https: https || req.secure })))
      res.setHeader(name, value);
    req.headers[CLIENT_IP_HEADER] = req.ip ?? "";
    // A response to a request with credentials may hold personal data: no cache keeps it. Routes that
    // set their own Cache-Control (public files, static assets) override this.
    if (req.get("cookie") || req.get("authorization")) res.setHeader("cache-control", "no-store");
    res.on("finish", () => {
      // Path only: query strings may carry search terms, and tokens live in paths we cut short.
      const pathOnly = req.originalUrl.split("?")[0].replace(/\/(reinitialiser|invitation)\/[^/]+/, "/$1/…");
      logger().info(
        {
          method: req.method,
          path: pathOnly,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        "request",
      );
    });
    next();
  });

  // Limits before work: refused from the request line and headers, before CSRF, authentication or parsing.
  app.use((req, res, next) => {
    const refusal = refuseAtTheEdge(
      {
        method: req.method,
        path: req.path,
        contentLength: req.get("content-length"),
        transferEncoding: req.get("transfer-encoding"),
        contentType: req.get("content-type"),
      },
      MAX_BODY_BYTES,
    );
    if (!refusal) return next();
    // The unread body is never consumed: the connection closes after the answer.
    res.setHeader("connection", "close");
    if (refusal.status === 405)
      res.setHeader("allow", isApiPath(req.path) ? "GET, HEAD, POST, PUT, PATCH, DELETE" : "GET, HEAD, POST");
    if (isApiPath(req.path)) return void sendResponse(apiError(refusal.code, refusal.status), res, false).catch(next);
    res.status(refusal.status).type("text/plain; charset=utf-8").send(ERROR_MESSAGES[refusal.code]);
  });

  app.use((req, res, next) => {
    const ok = csrfAllowed({
      method: req.method,
      requestOrigin: req.get("host") ? `${req.protocol}://${req.get("host")}` : null,
      origin: req.get("origin") ?? null,
      referer: req.get("referer") ?? null,
      secFetchSite: req.get("sec-fetch-site") ?? null,
      hasCookie: Boolean(req.get("cookie")),
      allowedOrigins,
    });
    if (ok) return next();
    res.status(403).type("text/plain; charset=utf-8").send(ERROR_MESSAGES["csrf.rejected"]);
  });

  // Reports wait their turn or are refused when busy; recordings never wait behind them (ADR 022).
  const { REPORT_CONCURRENCY, REPORT_QUEUE, REPORT_MAX_WAIT_MS } = config();
  app.use(shedReportWork({ concurrency: REPORT_CONCURRENCY, queue: REPORT_QUEUE, maxWaitMs: REPORT_MAX_WAIT_MS }));

  // The API runs its route modules directly (ADR 013); unknown API paths are answered there too.
  const dispatchApi = createApiDispatcher(build);
  app.use("/api/", (req, res, next) => {
    const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`);
    fetchRequest(req, url)
      .then((request) => dispatchApi(request, url.pathname, { cspNonce: String(res.locals.cspNonce) }))
      .then((response) => (response ? sendResponse(response, res, req.method === "HEAD") : next()))
      .catch(next);
  });

  app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y", index: false }));
  // The API never serves files: skip the file-system lookup on its hot path.
  const staticFiles = express.static(clientDir, { maxAge: "1h", index: false });
  app.use((req, res, next) => (req.path.startsWith("/api/") ? next() : staticFiles(req, res, next)));
  app.all(
    "/{*splat}",
    createRequestHandler({ build, getLoadContext: (_req, res) => ({ cspNonce: String(res.locals.cspNonce) }) }),
  );
  return app;
}

export function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.on("error", reject);
  });
}
