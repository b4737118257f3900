import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useActionData } from "react-router";
import { z } from "zod";
import { requirePendingOrFullSession } from "../../src/acces/guards.server";
import { totpCodeSchema } from "../../src/auth/auth.schema";
import { confirmEnrollment, remainingRecoveryCodes, startEnrollment } from "../../src/auth/totp.server";
import { parseForm } from "../../src/platform/form.server";
import { clientIp, safeRedirectPath, userAgent } from "../../src/platform/http.server";
import { FormErrors, InputField, Notice } from "../components/forms/fields";
import { invalid, runForForm } from "../form-reply.server";
import type { Route } from "./+types/compte.double-authentification";

export const meta: Route.MetaFunction = () => [{ title: "Double authentification — Guichet" }];

/** The page shows secrets (TOTP key, recovery codes, reset link): no cache may keep it. */
export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });

const enrollSchema = totpCodeSchema.extend({ redirectTo: z.string().optional() });

/** A user with TOTP on whose session still waits for the code goes to the verification step. */
async function requireSessionForEnrollment(request: Request) {
  const { actor, pending } = await requirePendingOrFullSession(request);
  if (actor.totpEnabled && pending) throw redirect("/connexion/verification");
  return { actor, pending };
}

/** "ABCD EFGH IJKL…": easier to copy by hand. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

export async function loader({ request }: Route.LoaderArgs) {
  const { actor, pending } = await requireSessionForEnrollment(request);
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"));
  if (actor.totpEnabled) {
    return {
      status: "enabled" as const,
      pending,
      redirectTo,
      remainingRecoveryCodes: await remainingRecoveryCodes(actor.userId),
    };
  }
  const { secret, qrSvg } = await startEnrollment(actor);
  return {
    status: "enrolling" as const,
    pending,
    redirectTo,
    qrCode: `data:image/svg+xml;base64,${Buffer.from(qrSvg, "utf8").toString("base64")}`,
    secret: groupSecret(secret),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const { actor } = await requireSessionForEnrollment(request);
  const { submission } = await parseForm(request, enrollSchema);
  if (submission.status !== "success") return invalid(submission, { hideFields: ["code"] });
  const result = await runForForm(
    submission,
    () => confirmEnrollment(actor, submission.value.code, { ip: clientIp(request), userAgent: userAgent(request) }),
    ["code"],
  );
  if (!result.ok) return result.response;
  return { recoveryCodes: result.value, redirectTo: safeRedirectPath(submission.value.redirectTo) };
}

export default function DoubleAuthentification({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  if (actionData && "recoveryCodes" in actionData) {
    return <RecoveryCodes codes={actionData.recoveryCodes} redirectTo={actionData.redirectTo} />;
  }
  if (loaderData.status === "enabled") {
    return (
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
          <h1>Double authentification</h1>
          <Notice kind="success" title="La double authentification est activée">
            <p>
              {`À chaque connexion, Guichet vous demande le code de votre application d’authentification. Il vous reste ${loaderData.remainingRecoveryCodes} code${loaderData.remainingRecoveryCodes > 1 ? "s" : ""} de secours.`}
            </p>
          </Notice>
          <p>
            <a className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/compte">
              Retour à mon compte
            </a>
          </p>
        </div>
      </div>
    );
  }
  return (
    <Enrollment
      data={loaderData}
      lastResult={actionData && "lastResult" in actionData ? actionData.lastResult : undefined}
    />
  );
}

type EnrollingData = Extract<Route.ComponentProps["loaderData"], { status: "enrolling" }>;

function Enrollment({ data, lastResult }: { data: EnrollingData; lastResult: unknown }) {
  const [form, fields] = useForm({
    id: "activation-double-authentification",
    lastResult: lastResult as never,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: enrollSchema }),
  });
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
        <h1>Activer la double authentification</h1>
        {data.pending && (
          <Notice kind="info" title="Étape obligatoire pour votre rôle">
            <p>
              Votre rôle donne accès à des données personnelles : la double authentification est obligatoire.
              Configurez-la pour accéder à Guichet.
            </p>
          </Notice>
        )}
        <p>
          En plus de votre mot de passe, Guichet vous demandera à chaque connexion un code à 6 chiffres, renouvelé
          toutes les 30 secondes par une application d’authentification installée sur votre téléphone.
        </p>
        <h2 className="fr-h4">1. Installez une application d’authentification</h2>
        <p>
          Par exemple FreeOTP, Aegis (Android), Google Authenticator ou Microsoft Authenticator, ou celle fournie par
          votre employeur.
        </p>
        <h2 className="fr-h4">2. Ajoutez votre compte Guichet dans l’application</h2>
        <p>Scannez ce QR code avec l’application :</p>
        <p>
          <img
            src={data.qrCode}
            alt="QR code à scanner avec votre application d’authentification pour ajouter votre compte Guichet"
            width={200}
            height={200}
          />
        </p>
        <p>
          Si vous ne pouvez pas scanner le QR code, saisissez cette clé dans l’application (type : basée sur le temps) :
          <br />
          <code className="fr-text--lg">{data.secret}</code>
        </p>
        <h2 className="fr-h4">3. Saisissez le code affiché par l’application</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          <InputField
            field={fields.code}
            label="Code à 6 chiffres"
            hint="Exemple : 123456"
            autoComplete="one-time-code"
            inputMode="numeric"
          />
          <input type="hidden" name="redirectTo" value={data.redirectTo} />
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li>
              <button className="fr-btn" type="submit">
                Activer la double authentification
              </button>
            </li>
          </ul>
        </Form>
        {data.pending ? (
          <Form method="post" action="/deconnexion">
            <button className="fr-btn fr-btn--tertiary fr-btn--sm" type="submit">
              Annuler la connexion
            </button>
          </Form>
        ) : (
          <p>
            <a className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/compte">
              Retour à mon compte
            </a>
          </p>
        )}
      </div>
    </div>
  );
}

function RecoveryCodes({ codes, redirectTo }: { codes: string[]; redirectTo: string }) {
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
        <h1>Double authentification activée</h1>
        <Notice kind="warning" title="Conservez vos codes de secours">
          <p>
            Ces 10 codes vous permettent de vous connecter si vous n’avez plus votre téléphone. Chaque code ne sert
            qu’une fois. Imprimez cette page ou recopiez-les, et gardez-les en lieu sûr : ils ne seront plus jamais
            affichés.
          </p>
        </Notice>
        <h2 className="fr-h4">Vos codes de secours</h2>
        <ul className="fr-text--lg">
          {codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <a className="fr-btn" href={redirectTo}>
              J’ai conservé mes codes, continuer
            </a>
          </li>
        </ul>
      </div>
    </div>
  );
}
