import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect, useActionData, useSearchParams } from "react-router";
import { z } from "zod";
import { orErrorPage, requireUser } from "../../src/acces/guards.server";
import { revokeApiToken } from "../../src/auth/api-tokens.server";
import { totpCodeSchema } from "../../src/auth/auth.schema";
import { logoutEverywhere } from "../../src/auth/logout-everywhere.server";
import { clearSessionCookie } from "../../src/auth/session.server";
import { disableSecondFactor } from "../../src/auth/totp.server";
import { accountOverview } from "../../src/comptes/account-overview.server";
import { parseForm, readFormData } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { ApiTokens } from "../components/comptes/ApiTokens";
import { shortDate } from "../components/format";
import { FormErrors, InputField, Notice } from "../components/forms/fields";
import { invalid, runForForm } from "../form-reply.server";
import type { Route } from "./+types/compte";

export const meta: Route.MetaFunction = () => [{ title: "Mon compte — Guichet" }];

const disableSchema = totpCodeSchema.extend({ intent: z.literal("disable_2fa") });

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requireUser(request);
  return accountOverview(actor);
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requireUser(request);
  const context = { ip: clientIp(request), userAgent: userAgent(request) };
  const form = await readFormData(request.clone());
  const intent = form.get("intent");
  if (intent === "logout_everywhere") {
    await logoutEverywhere(actor, context);
    return redirect("/connexion", { headers: { "Set-Cookie": clearSessionCookie() } });
  }
  if (intent === "revoke_api_token") {
    const tokenId = form.get("tokenId");
    await orErrorPage(request, () =>
      revokeApiToken({
        id: typeof tokenId === "string" ? tokenId : "",
        ownerId: actor.userId,
        actorId: actor.userId,
        actorRole: actor.primaryRole,
        ...context,
      }),
    );
    return redirect("/compte?motif=jeton-revoque");
  }
  if (intent === "disable_2fa") {
    const { submission } = await parseForm(request, disableSchema);
    if (submission.status !== "success") return invalid(submission, { hideFields: ["code"] });
    const result = await runForForm(submission, () => disableSecondFactor(actor, submission.value.code, context), [
      "code",
    ]);
    if (!result.ok) return result.response;
    return redirect("/compte?motif=2fa-desactivee");
  }
  return data({ lastResult: null }, { status: 400 });
}

type Overview = Route.ComponentProps["loaderData"];

export default function Compte({ loaderData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  return (
    <>
      <h1>Mon compte</h1>
      {searchParams.get("motif") === "2fa-desactivee" && (
        <Notice kind="success">La double authentification est désactivée.</Notice>
      )}
      {searchParams.get("motif") === "jeton-revoque" && (
        <Notice kind="success">Le jeton d’API est révoqué : il ne donne plus accès à l’API.</Notice>
      )}
      <h2>Identité</h2>
      <p>
        {loaderData.prenom} {loaderData.nom}
        <br />
        Adresse électronique : {loaderData.email}
      </p>
      <Roles roles={loaderData.roles} />
      <SecondFactor status={loaderData.secondFactor} />
      <ApiTokens tokens={loaderData.apiTokens} />
      <h2>Sessions</h2>
      <p>
        Vous avez oublié de vous déconnecter sur un autre poste, ou vous pensez que quelqu’un utilise votre compte ?
        Fermez toutes vos sessions ouvertes, y compris celle-ci : vos jetons d’API sont révoqués en même temps. Vous
        pourrez ensuite choisir un nouveau mot de passe avec « Mot de passe oublié ? » sur la page de connexion.
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="logout_everywhere" />
        <button type="submit" className="fr-btn fr-btn--secondary fr-icon-logout-box-r-line fr-btn--icon-left">
          Se déconnecter de tous les appareils
        </button>
      </Form>
    </>
  );
}

function Roles({ roles }: { roles: Overview["roles"] }) {
  return (
    <>
      <h2>Rôles</h2>
      {roles.length === 0 ? (
        <p>
          Vous n’avez aucun rôle en vigueur aujourd’hui. Contactez le responsable de votre structure ou votre
          coordinateur départemental.
        </p>
      ) : (
        <div className="fr-table fr-table--bordered">
          <table>
            <caption>Vos rôles en vigueur</caption>
            <thead>
              <tr>
                <th scope="col">Rôle</th>
                <th scope="col">Périmètre</th>
                <th scope="col">Depuis le</th>
                <th scope="col">Jusqu’au</th>
              </tr>
            </thead>
            <tbody>
              {roles.map((role) => (
                <tr key={`${role.label}-${role.scope}-${role.debut}`}>
                  <td>{role.label}</td>
                  <td>{role.scope}</td>
                  <td>{shortDate(role.debut)}</td>
                  <td>{role.fin ? shortDate(role.fin) : "Sans date de fin"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function SecondFactor({ status }: { status: Overview["secondFactor"] }) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "desactivation-double-authentification",
    lastResult: actionData?.lastResult as never,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: disableSchema }),
  });
  return (
    <>
      <h2>Double authentification</h2>
      {!status.enabled ? (
        <>
          <p>
            La double authentification n’est pas activée.
            {status.required
              ? " Elle est obligatoire pour votre rôle."
              : " Elle protège votre compte même si votre mot de passe est découvert."}
          </p>
          <p>
            <a className="fr-btn" href="/compte/double-authentification">
              Activer la double authentification
            </a>
          </p>
        </>
      ) : (
        <>
          <p>
            <span className="fr-badge fr-badge--success">Activée</span>
          </p>
          <p>
            Codes de secours restants : {status.remainingRecoveryCodes} sur 10.
            {status.remainingRecoveryCodes <= 3 &&
              " Il vous en reste peu : si vous perdez votre téléphone, demandez à l’administrateur de réinitialiser votre double authentification."}
          </p>
          {status.required ? (
            <p>Elle est obligatoire pour votre rôle et ne peut pas être désactivée.</p>
          ) : (
            status.canDisable && (
              <Form method="post" {...getFormProps(form)}>
                <fieldset className="fr-fieldset" aria-labelledby="desactivation-legende">
                  <legend className="fr-fieldset__legend" id="desactivation-legende">
                    Désactiver la double authentification
                  </legend>
                  <div className="fr-fieldset__element">
                    <FormErrors errors={form.errors} />
                  </div>
                  <div className="fr-fieldset__element">
                    <InputField
                      field={fields.code}
                      label="Code à 6 chiffres"
                      hint="Pour confirmer, saisissez le code affiché par votre application d’authentification."
                      autoComplete="one-time-code"
                      inputMode="numeric"
                    />
                  </div>
                  <input type="hidden" name="intent" value="disable_2fa" />
                  <div className="fr-fieldset__element">
                    <button type="submit" className="fr-btn fr-btn--tertiary">
                      Désactiver
                    </button>
                  </div>
                </fieldset>
              </Form>
            )
          )}
        </>
      )}
    </>
  );
}
