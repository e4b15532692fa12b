// A small built-in keyword list that says what a clicked consent control does, used when
// the companion's last analysis did not name the control. English, German, French,
// Spanish, Italian and Dutch, and the core words of Portuguese, Polish, Swedish, Danish,
// Norwegian, Finnish, Czech, Romanian, Hungarian and Greek (written without accents: the
// text is compared with its accents removed). Order matters: refusals are tested before acceptance, so
// "accept only necessary" or "continuer sans accepter" count as refusals.
(function (root) {
  "use strict";
  const BL = (root.__brightline = root.__brightline || {});
  if (BL.consentWords) return;

  const WORDS = {
    reject: [
      // en
      "reject", "reject all", "decline", "refuse", "deny", "disagree", "do not agree",
      "i do not accept", "do not accept", "don't accept", "dont accept", "no thanks",
      "no, thanks", "no", "only necessary", "necessary only", "only essential", "essential only",
      "strictly necessary only", "continue without accepting", "opt out", "accept necessary",
      "allow necessary", "accept essential", "accepter necessaire", "accepter necessaires",
      "notwendige akzeptieren", "aceptar necesarias", "accetta necessari", "noodzakelijke accepteren",
      // de
      "ablehnen", "alle ablehnen", "verweigern", "nur notwendige", "nur notwendigen",
      "nur essenzielle", "nur essentielle", "nur erforderliche", "nicht einverstanden",
      "ohne zustimmung", "widersprechen", "lehne ab", "nein danke", "nein",
      // fr
      "refuser", "tout refuser", "je refuse", "continuer sans accepter", "uniquement necessaires",
      "seulement les necessaires", "uniquement les cookies necessaires", "non merci", "non",
      // es
      "rechazar", "rechazar todo", "rechazar todas", "no acepto", "solo necesarias",
      "solo las necesarias", "denegar", "no, gracias",
      // it
      "rifiuta", "rifiutare", "rifiuta tutto", "rifiuto", "non accetto", "solo necessari",
      "solo i necessari", "continua senza accettare", "nega",
      // nl
      "weigeren", "alles weigeren", "afwijzen", "alles afwijzen", "alleen noodzakelijke",
      "alleen functionele", "niet akkoord", "niet accepteren", "nee, bedankt", "nee",
      // pt, pl, sv, da, nb, fi, cs, ro, hu, el
      "rejeitar", "rejeitar todos", "recusar", "recusar todos", "apenas necessarios",
      "odrzuc", "odrzuc wszystkie", "odrzucam", "tylko niezbedne",
      "neka", "neka alla", "avvisa", "avvisa alla", "endast nodvandiga",
      "afvis", "afvis alle", "kun nodvendige", "avvis", "avvis alle", "kun nodvendige",
      "hylkaa", "hylkaa kaikki", "vain valttamattomat", "odmitnout", "odmitnout vse", "ne diky", "ne dekuji", "pouze nezbytne",
      "respinge", "respinge tot", "refuz", "refuza toate", "doar necesare",
      "elutasitom", "elutasitas", "osszes elutasitasa", "csak a szukseges",
      "απορριψη", "απορριψη ολων", "μονο τα απαραιτητα",
    ],
    save: [
      "save", "save choices", "save preferences", "save settings", "confirm choices",
      "confirm my choices", "accept selected", "allow selection", "accept selection",
      "speichern", "auswahl speichern", "auswahl bestatigen", "auswahl erlauben",
      "enregistrer", "valider", "confirmer mes choix", "guardar", "confirmar seleccion",
      "salva", "salva le preferenze", "conferma", "opslaan", "keuze opslaan", "bevestigen",
      "guardar preferencias", "salvar preferencias", "zapisz", "zapisz wybor", "spara", "spara mina val",
      "gem", "gem mine valg", "lagre", "lagre valg", "tallenna", "tallenna valinnat", "ulozit",
      "ulozit nastaveni", "salveaza", "salveaza preferintele", "mentes", "beallitasok mentese",
      "αποθηκευση", "αποθηκευση επιλογων",
    ],
    settings: [
      "settings", "preferences", "customize", "customise", "manage", "options", "more options",
      "learn more", "more info", "details", "purposes", "vendors", "partners", "review",
      "uberprufen", "revoir", "revisar", "rivedi", "bekijken",
      "einstellungen", "anpassen", "verwalten", "mehr optionen", "details anzeigen",
      "parametres", "personnaliser", "gerer", "preferences", "en savoir plus",
      "configuracion", "configurar", "personalizar", "preferencias", "gestionar", "mas opciones",
      "impostazioni", "personalizza", "gestisci", "preferenze", "scopri di piu", "piu opzioni",
      "instellingen", "aanpassen", "beheren", "voorkeuren", "meer opties", "meer informatie",
      "definicoes", "configuracoes", "personalizar", "ustawienia", "dostosuj", "installningar",
      "anpassa", "indstillinger", "tilpas", "innstillinger", "tilpass", "asetukset", "mukauta",
      "nastaveni", "prizpusobit", "setari", "personalizeaza", "beallitasok", "testreszabas",
      "ρυθμισεις", "προσαρμογη",
    ],
    accept: [
      "accept", "accept all", "accept cookies", "i accept", "agree", "i agree", "allow",
      "allow all", "got it", "ok", "okay", "yes", "continue", "understood", "i understand",
      "akzeptieren", "alle akzeptieren", "zustimmen", "einverstanden", "erlauben",
      "alle erlauben", "alles klar", "verstanden", "annehmen",
      "accepter", "tout accepter", "j'accepte", "d'accord", "autoriser", "compris",
      "aceptar", "acepto", "aceptar todo", "aceptar todas", "permitir", "de acuerdo", "entendido",
      "accetta", "accetto", "accetta tutto", "accetta tutti", "consenti", "va bene", "ho capito",
      "accepteren", "alles accepteren", "akkoord", "toestaan", "alles toestaan", "prima",
      "aceitar", "aceitar todos", "aceito", "concordo", "akceptuje", "akceptuj wszystkie",
      "zgadzam sie", "godkann", "godkann alla", "acceptera", "acceptera alla", "tillat alla",
      "accepter alle", "tillad alle", "godta", "godta alle", "hyvaksy", "hyvaksy kaikki",
      "prijmout", "prijmout vse", "souhlasim", "accept tot", "accepta tot", "accepta toate",
      "sunt de acord", "elfogadom", "osszes elfogadasa", "αποδοχη", "αποδοχη ολων", "συμφωνω",
      // answers that only say yes ("Klar, gerne!", "Bien sûr !", "Of course")
      "sure", "of course", "absolutely", "yes please", "why not", "klar", "na klar", "gerne",
      "gern", "naturlich", "selbstverstandlich", "bien sur", "avec plaisir", "volontiers",
      "claro", "por supuesto", "con gusto", "certo", "certamente", "volentieri", "tuurlijk",
      "natuurlijk", "graag", "com certeza", "com prazer", "jasne", "oczywiscie", "chetnie",
      "visst", "sjalvklart", "garna", "selvfolgelig", "gjerne", "toki", "totta kai",
      "samozrejme", "desigur", "cu placere", "persze", "termeszetesen", "szivesen", "φυσικα",
    ],
  };

  function normalise(text) {
    return String(text || "")
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/[’`´]/g, "'")
      .replace(/\s+/g, " ")
      .trim();
  }

  function escape(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // Whole words only: "ok" must not match "cookies", "allow" must not match "allowance".
  // Built on first use, not while the page loads.
  let patterns = null;
  function rolePatterns() {
    if (!patterns) {
      patterns = Object.fromEntries(
        Object.entries(WORDS).map(([role, words]) => [
          role,
          new RegExp(
            "(?:^|[^\\p{L}\\p{N}])(?:" + [...new Set(words.map(normalise))].map(escape).join("|") + ")(?:$|[^\\p{L}\\p{N}])",
            "u"
          ),
        ])
      );
    }
    return patterns;
  }

  const ROLE_ORDER = ["reject", "save", "settings", "accept"];
  const MAX_CONTROL_TEXT = 60; // longer text is a paragraph, not a button label

  /** "reject" | "save" | "settings" | "accept" | null for a control's visible text. */
  // A bare "no" before a request to see more ("Nee, geef me meer informatie") postpones the
  // choice: it is not a refusal.
  const BARE_NO_LEAD = /^(no|nope|nee|nein|non|nao|nie|nej|ei|ne|nu|nem|οχι)\s*[,.:;\u2013\u2014-]/u;
  const MORE_INFO = /(more|further) info|learn more|tell me more|mehr (erfahren|informationen|infos)|en savoir plus|mas informacion|piu informazioni|scopri di piu|meer info|lees meer/u;

  function classifyControl(text) {
    const t = normalise(text);
    if (!t || t.length > MAX_CONTROL_TEXT) return null;
    const compiled = rolePatterns();
    if (BARE_NO_LEAD.test(t)) {
      if (compiled.settings.test(t)) return "settings";
      if (MORE_INFO.test(t)) return null;
    }
    for (const role of ROLE_ORDER) if (compiled[role].test(t)) return role;
    return null;
  }

  const CONSENT_CONTEXT = new RegExp([
    "cookie|consent|gdpr|rgpd|dsgvo|datenschutz|privacy|privacidad|privacite|confidentialite",
    "tracking|tracker|partners|partenaires|socios|partner|anbieter|fornitori|vendors",
    "einwillig|toestemming|consentement|consentimiento|consenso",
    "privacidade|prywatnosc|zgod|samtyck|samtykke|evaste|souhlas|consimtam|hozzajarul",
    "συγκαταθεση|απορρητο",
  ].join("|"), "u");

  /** True if a block of text talks about cookies, consent or tracking. */
  function isConsentText(text) {
    return CONSENT_CONTEXT.test(normalise(text).slice(0, 5000));
  }

  BL.consentWords = { WORDS, normalise, classifyControl, isConsentText };
})(globalThis);
