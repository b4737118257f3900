/** Every action code the audit journal knows. Entries carry ids, never names. */
export const AUDIT_ACTIONS = [
  "auth.login.success",
  "auth.login.failure",
  "auth.login.throttled",
  "auth.logout",
  "auth.logout_everywhere",
  "auth.2fa.enabled",
  "auth.2fa.verified",
  "auth.2fa.reset",
  "auth.2fa.recovery_code_used",
  "auth.2fa.disabled",
  "auth.password_reset.requested",
  "auth.password_reset.completed",
  "invitation.created",
  "invitation.accepted",
  "user.created",
  "role.granted",
  "role.ended",
  "structure.created",
  "structure.updated",
  "partenaire_local.created",
  "api_token.created",
  "api_token.revoked",
  "audit.viewed",
  "outbox.viewed",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
