import { messages } from '../../web/i18n.ts';
import { type PageContext, renderPage } from '../../web/layout.tsx';

// The organiser's legal pages. The texts describe what Holdet actually does with data and how accessible
// it is; the organiser's own details come from the database.

export function privacyPage(ctx: PageContext, settings: { mailRetentionDays: number }): string {
  const m = messages(ctx.lang);
  const s = ctx.site;
  const da = ctx.lang === 'da';
  return renderPage({
    ctx,
    title: m['privacy.title'],
    crumbs: [{ label: m['privacy.title'] }],
    children: da ? (
      <>
        <h1>{m['privacy.title']}</h1>
        <p>
          {s.name} (CVR {s.cvr}), {s.street}, {s.postalCode} {s.city}, er dataansvarlig for de oplysninger, du
          giver os, når du tilmelder dig en masterclass-række.
        </p>
        <h2>Hvad vi behandler og hvorfor</h2>
        <ul>
          <li>
            Navn, arbejdsmail, telefon og stilling – for at administrere din deltagelse (aftale, GDPR art. 6,
            stk. 1, litra b).
          </li>
          <li>
            Organisationens navn, CVR, EAN-nummer og fakturareference – for at fakturere (retlig forpligtelse
            efter bogføringsloven).
          </li>
          <li>Kostbehov, hvis du oplyser dem – kun til forplejningen, og de slettes, når rækken er slut.</li>
          <li>
            En ændringslog over tilmeldinger, fakturaer og log-ind: hvem gjorde hvad, og hvornår. Loggen
            indeholder aldrig dine kostbehov eller dine koder til at logge ind – kun at der blev oplyst et
            kostbehov.
          </li>
          <li>
            Om du vil stå i medlemsoversigten – kun hvis du selv siger ja, og du kan altid trække det tilbage.
          </li>
        </ul>
        <p>Vi beder aldrig om dit CPR-nummer.</p>
        <h2>Hvor længe</h2>
        <p>
          Fakturaer gemmes i fem år, som bogføringsloven kræver. Øvrige oplysninger om deltagere slettes eller
          anonymiseres et fastsat antal måneder efter rækkens sidste session.
        </p>
        <p>
          Mails, vi har sendt dig, gemmes i {settings.mailRetentionDays} dage; derefter slettes deres indhold
          (tekst, links, koder og vedhæftede filer). Tilbage er kun, hvem mailen gik til, hvad slags mail det
          var, emnet og hvornår den blev sendt.
        </p>
        <h2>Dine rettigheder</h2>
        <p>
          Du kan få indsigt i, rette, få udleveret og få slettet dine oplysninger, og du kan gøre indsigelse.
          Skriv til <a href={`mailto:${s.email}`}>{s.email}</a>. Du kan klage til Datatilsynet
          (datatilsynet.dk).
        </p>
        <h2>Cookies</h2>
        <p>
          Siden bruger kun nødvendige cookies: én, der husker dit valg af sprog, og – når du er logget ind –
          én, der holder dig logget ind. Vi bruger ingen statistik- eller markedsføringscookies.
        </p>
      </>
    ) : (
      <>
        <h1>{m['privacy.title']}</h1>
        <p>
          {s.name} (CVR {s.cvr}), {s.street}, {s.postalCode} {s.city}, is the data controller for the
          information you give us when you register for a masterclass series.
        </p>
        <h2>What we process and why</h2>
        <ul>
          <li>
            Name, work email, phone and job title – to administer your participation (contract, GDPR art.
            6(1)(b)).
          </li>
          <li>
            Your organisation’s name, CVR, EAN number and invoice reference – to invoice (legal obligation
            under bookkeeping law).
          </li>
          <li>Dietary needs, if you tell us – only for catering, deleted when the series ends.</li>
          <li>
            A change log of registrations, invoices and sign-ins: who did what, and when. The log never holds
            your dietary needs or your sign-in codes – only that dietary needs were given.
          </li>
          <li>
            Whether you appear in the member directory – only if you say yes, and you can withdraw at any
            time.
          </li>
        </ul>
        <p>We never ask for your CPR number.</p>
        <h2>How long</h2>
        <p>
          Invoices are kept for five years, as Danish bookkeeping law requires. Other participant data is
          deleted or anonymised a set number of months after the last session of the series.
        </p>
        <p>
          Mails we sent you are kept for {settings.mailRetentionDays} days; then their content (text, links,
          codes and attachments) is deleted. Only whom the mail went to, what kind of mail it was, its subject
          and when it was sent remain.
        </p>
        <h2>Your rights</h2>
        <p>
          You may access, correct, receive and erase your data, and you may object. Write to{' '}
          <a href={`mailto:${s.email}`}>{s.email}</a>. You may complain to the Danish Data Protection Agency
          (datatilsynet.dk).
        </p>
        <h2>Cookies</h2>
        <p>
          The site uses only necessary cookies: one that remembers your language and – when you are signed in
          – one that keeps you signed in. We use no statistics or marketing cookies.
        </p>
      </>
    ),
  });
}

export function accessibilityPage(ctx: PageContext): string {
  const m = messages(ctx.lang);
  const s = ctx.site;
  const da = ctx.lang === 'da';
  return renderPage({
    ctx,
    title: m['accessibility.title'],
    crumbs: [{ label: m['accessibility.title'] }],
    children: da ? (
      <>
        <h1>{m['accessibility.title']}</h1>
        <p>
          {s.name} ønsker, at alle kan bruge denne hjemmeside. Siden er bygget efter webtilgængelighedsloven
          og retningslinjerne WCAG 2.1 på niveau AA, og den bruger Det Fælles Designsystem.
        </p>
        <h2>Sådan tester vi</h2>
        <p>
          Hver side kontrolleres automatisk med værktøjet axe-core, før en ny version tages i brug, og siderne
          afprøves med tastatur alene. Alle sider virker uden JavaScript.
        </p>
        <h2>Kendte begrænsninger</h2>
        <p>
          Vi kender ikke til sider, der ikke lever op til kravene. Finder du en fejl, vil vi gerne høre om
          det.
        </p>
        <h2>Feedback og kontakt</h2>
        <p>
          Skriv til <a href={`mailto:${s.email}`}>{s.email}</a> eller ring på {s.phone}. Du kan også klage til
          Digitaliseringsstyrelsen, som fører tilsyn med webtilgængelighed.
        </p>
      </>
    ) : (
      <>
        <h1>{m['accessibility.title']}</h1>
        <p>
          {s.name} wants everyone to be able to use this website. It is built to the Danish web accessibility
          act and WCAG 2.1 level AA, and it uses the Danish common design system (Det Fælles Designsystem).
        </p>
        <h2>How we test</h2>
        <p>
          Every page is checked automatically with axe-core before a new version goes live, and the pages are
          tried with a keyboard alone. All pages work without JavaScript.
        </p>
        <h2>Known limitations</h2>
        <p>We know of no pages that fall short. If you find a problem, please tell us.</p>
        <h2>Feedback and contact</h2>
        <p>
          Write to <a href={`mailto:${s.email}`}>{s.email}</a> or call {s.phone}. You may also complain to the
          Danish Agency for Digital Government, which supervises web accessibility.
        </p>
      </>
    ),
  });
}
