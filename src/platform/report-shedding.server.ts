import type { NextFunction, Request, Response } from "express";
import { withReportConnections } from "../db/client.server";
import { apiError } from "./api.server";
import { sendResponse } from "./api-dispatch.server";
import { ERROR_MESSAGES } from "./app-error";
import { logger } from "./logger.server";
import { createReportGate, isReportPath, type ReportGateLimits } from "./report-gate";
import { isApiPath } from "./request-limits";

/** Seconds a refused client is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

const BUSY_PAGE = `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Réessayez dans un instant — Guichet</title></head><body><main><h1>Réessayez dans un instant</h1><p>${ERROR_MESSAGES["server.busy"]}</p><p>L’enregistrement des passages reste disponible : <a href="/accueil">accueil du public</a>.</p></main></body></html>`;

/**
 * Express middleware (ADR 022): report requests pass a gate of limited concurrency with a short
 * queue and run on their own database connections; when the gate is full they are answered 503 with
 * Retry-After and a French message (JSON on the API), and every other request goes straight through.
 */
export function shedReportWork(limits: ReportGateLimits) {
  const gate = createReportGate(limits);
  return (req: Request, res: Response, next: NextFunction) => {
    if (!isReportPath(req.path)) return next();
    gate.enter().then((release) => {
      if (!release) {
        logger().warn({ path: req.path, running: gate.running, waiting: gate.waiting }, "report refused: busy");
        res.setHeader("retry-after", String(RETRY_AFTER_SECONDS));
        if (isApiPath(req.path)) return void sendResponse(apiError("server.busy", 503), res, false).catch(next);
        return void res.status(503).type("text/html; charset=utf-8").send(BUSY_PAGE);
      }
      res.once("finish", release);
      res.once("close", release);
      withReportConnections(() => next());
    }, next);
  };
}
