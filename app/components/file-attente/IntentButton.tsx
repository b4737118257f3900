import type { ReactNode } from "react";
import { Form } from "react-router";

/** A one-button POST form carrying an `intent` (and any hidden fields): works without JavaScript. */
export function IntentButton({
  intent,
  fields = {},
  className = "fr-btn",
  inline = false,
  children,
}: {
  intent: string;
  fields?: Record<string, string>;
  className?: string;
  inline?: boolean;
  children: ReactNode;
}) {
  return (
    <Form method="post" className={inline ? "guichet-inline-form" : undefined}>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button className={className} type="submit">
        {children}
      </button>
    </Form>
  );
}
