import { useEffect, useRef, useState } from "react";
import { useActionData, useLocation } from "react-router";

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** The forms that save something: POST forms in the page's main content (not search or filters). */
function guarded(form: HTMLFormElement | null): form is HTMLFormElement {
  return Boolean(form && form.method.toLowerCase() === "post" && form.closest("main"));
}

function isField(target: EventTarget | null): target is Field {
  return (
    target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement
  );
}

/** What the agent reads next to the field: its label, without the hint. */
function labelOf(field: Field): string {
  const label = field.labels?.[0];
  const own = label ? [...label.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE) : [];
  const text = (own.map((node) => node.textContent).join("") || label?.textContent || "").replace(/\s+/g, " ").trim();
  return text || field.getAttribute("aria-label") || field.name;
}

/**
 * A page with several forms must never make a change look saved when it was not (ADR 025): a form is
 * sent only when no other form of the page holds a change typed since the page was shown or since that
 * form was last saved. Otherwise nothing is sent and the page says which fields still wait for their own
 * button. Without JavaScript every submission reloads the page, which then shows only what was saved.
 */
export function UnsavedChangesGuard() {
  const changed = useRef(new Map<HTMLFormElement, Set<Field>>());
  const submitted = useRef<HTMLFormElement | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const [waiting, setWaiting] = useState<string[]>([]);
  const location = useLocation();
  const actionData = useActionData();

  useEffect(() => {
    const onEdit = (event: Event) => {
      const field = event.target;
      if (!isField(field) || field.type === "hidden" || !guarded(field.form)) return;
      const fields = changed.current.get(field.form) ?? new Set<Field>();
      fields.add(field);
      changed.current.set(field.form, fields);
    };
    const onSubmit = (event: Event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || !guarded(form)) return;
      const pending = [...changed.current]
        .filter(([other]) => other !== form && other.isConnected)
        .flatMap(([, fields]) => [...fields].filter((field) => field.isConnected).map(labelOf));
      if (pending.length > 0) {
        event.preventDefault();
        event.stopImmediatePropagation();
        setWaiting([...new Set(pending)]);
        return;
      }
      setWaiting([]);
      submitted.current = form;
    };
    // Capture on window: before React Router's own submit handler, and before a select that saves itself.
    window.addEventListener("input", onEdit, true);
    window.addEventListener("change", onEdit, true);
    window.addEventListener("submit", onSubmit, true);
    return () => {
      window.removeEventListener("input", onEdit, true);
      window.removeEventListener("change", onEdit, true);
      window.removeEventListener("submit", onSubmit, true);
    };
  }, []);

  // A submission that redirected was saved: its form holds no pending change any more. One that came
  // back with errors (action data) still does.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per completed navigation
  useEffect(() => {
    const form = submitted.current;
    submitted.current = null;
    if (form && actionData === undefined) changed.current.delete(form);
  }, [location.key]);

  useEffect(() => {
    if (waiting.length > 0) alertRef.current?.scrollIntoView({ block: "center" });
  }, [waiting]);

  if (waiting.length === 0) return null;
  return (
    <div className="fr-alert fr-alert--error fr-mb-3w" role="alert" ref={alertRef} id="modifications-en-attente">
      <h2 className="fr-alert__title">Rien n’a été enregistré</h2>
      <p>
        D’autres modifications de cette page attendent encore leur propre bouton d’enregistrement :{" "}
        {waiting.map((label) => `« ${label} »`).join(", ")}. Enregistrez-les d’abord, ou rechargez la page pour les
        annuler, puis recommencez.
      </p>
    </div>
  );
}
