import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";

const source = readFileSync(new URL("../../../extension/content/consent_words.js", import.meta.url), "utf8");
const sandbox = {};
sandbox.globalThis = sandbox;
vm.runInNewContext(source, sandbox);
const { classifyControl, isConsentText } = sandbox.__brightline.consentWords;

const CASES = {
  reject: ["Reject all", "Decline", "Alle ablehnen", "Nur notwendige Cookies", "Tout refuser", "Continuer sans accepter", "Rechazar todo", "Solo las necesarias", "Rifiuta tutto", "Continua senza accettare", "Alles weigeren", "Alleen noodzakelijke cookies", "Accept only necessary", "Nein, ich lehne ab"],
  accept: ["Accept all", "I agree", "Got it!", "OK", "Alle akzeptieren", "Zustimmen", "Tout accepter", "J’accepte", "Aceptar todas", "Accetta tutti", "Alles accepteren", "Akkoord", "Allow cookies"],
  settings: ["Cookie settings", "Manage preferences", "Einstellungen", "Personnaliser", "Configurar", "Personalizza", "Instellingen"],
  save: ["Save my choices", "Auswahl speichern", "Enregistrer", "Opslaan"],
};

const MORE = {
  reject: ["Rejeitar todos", "Odrzuć wszystkie", "Neka alla", "Afvis alle", "Avvis alle", "Hylkää kaikki", "Odmítnout vše", "Respinge tot", "Összes elutasítása", "Απόρριψη όλων"],
  accept: ["Aceitar todos", "Akceptuję wszystkie", "Godkänn alla", "Tillad alle", "Godta alle", "Hyväksy kaikki", "Přijmout vše", "Acceptă toate", "Összes elfogadása", "Αποδοχή όλων"],
  settings: ["Definições de cookies", "Ustawienia", "Inställningar", "Indstillinger", "Asetukset", "Nastavení", "Setări", "Beállítások", "Ρυθμίσεις"],
  save: ["Zapisz wybór", "Spara mina val", "Gem mine valg", "Tallenna valinnat", "Αποθήκευση επιλογών"],
};

test("controls that only answer yes accept", () => {
  for (const text of ["Klar, gerne!", "Sure!", "Of course", "Bien sûr !", "¡Claro que sí!", "Certo!", "Tuurlijk!",
                      "Com certeza", "Tak, chętnie", "Självklart", "Φυσικά"]) {
    assert.equal(classifyControl(text), "accept", text);
  }
  assert.equal(classifyControl("Nein danke, lieber nicht"), "reject");
  assert.equal(classifyControl("Sure, manage my settings"), "settings");
});

for (const [role, texts] of Object.entries(MORE)) {
  test(`"${role}" controls in ten more languages`, () => {
    for (const text of texts) assert.equal(classifyControl(text), role, text);
  });
}

for (const [role, texts] of Object.entries(CASES)) {
  test(`"${role}" controls in six languages`, () => {
    for (const text of texts) assert.equal(classifyControl(text), role, text);
  });
}

test("words inside other words and long prose are not controls", () => {
  assert.equal(classifyControl("Cookies and cream"), null);
  assert.equal(classifyControl("Allowance"), null);
  assert.equal(classifyControl("Read our recipe"), null);
  assert.equal(classifyControl("We use cookies to improve your experience and for marketing; you can accept or refuse them at any time in the settings."), null);
});

test("consent context", () => {
  assert.equal(isConsentText("Wir verwenden Cookies und ähnliche Technologien"), true);
  assert.equal(isConsentText("Nous respectons votre confidentialité"), true);
  assert.equal(isConsentText("Add to basket"), false);
});

test("a bare no before a request for more information or settings is no refusal", () => {
  assert.notEqual(classifyControl("Nee, geef me meer informatie"), "reject");
  assert.notEqual(classifyControl("No, tell me more"), "reject");
  assert.equal(classifyControl("Nein, Einstellungen anpassen"), "settings");
  assert.equal(classifyControl("No, thanks"), "reject");
  assert.equal(classifyControl("Nee, bedankt"), "reject");
});
