import { describe, expect, it } from 'vitest';
import {
  CONFIRM_FIELD,
  checkPersonalData,
  cprYear,
  findCpr,
  NEAR,
  sensitiveNearName,
} from './personal-data.ts';

// The guard against citizens' personal data in posts: what it catches, and — as important for managers who
// write about their work every day — what it lets pass.

describe('findCpr: real-shaped CPR numbers', () => {
  it.each([
    ['070621-1234', 'Borgerens cpr er 070621-1234, og hun bor i Aarhus.'],
    ['0706211234', 'cpr 0706211234'],
    ['070621 1234', 'CPR: 070621 1234'],
    ['070621\u00a01234', 'CPR-nr. 070621\u00a01234 (no-break space)'],
    ['070621–1234', 'cpr 070621–1234 (an en dash, as word processors write it)'],
    ['311299-0001', '311299-0001'],
    ['010100-4000', 'født 010100-4000'],
    ['150390-9876', '(150390-9876)'],
    ['150390-9876', '«150390-9876»'],
    ['150390-9876', 'CPR-150390-9876'],
    ['150390-9876', 'cpr:150390-9876.'],
    ['150390-9876', '**150390-9876**'],
    ['150390-9876', 'Se 150390-9876\nog mere'],
  ])('finds %s in %j', (cpr, text) => {
    expect(findCpr(text)).toBe(cpr);
  });

  it('gives the first of several, and finds one after numbers that are not', () => {
    expect(findCpr('Faktura HOLDET-2027-0042, tlf. 12345678, cpr 010203-4567 og 040506-7890')).toBe(
      '010203-4567',
    );
    expect(findCpr('310299-1234 og 280299-1234')).toBe('280299-1234');
  });

  it('does not check modulus 11 (CPR numbers have not all obeyed it since 2007)', () => {
    // Weights 4 3 2 7 6 5 4 3 2 1: 070621-1233 sums to 99 (obeys), 070621-1234 to 100 (does not); both are found.
    expect(findCpr('070621-1233')).toBe('070621-1233');
    expect(findCpr('070621-1234')).toBe('070621-1234');
  });

  it('refuses a ten-digit number that begins with a real date: it is CPR-shaped, whatever it was meant as', () => {
    // A case number or an account number of ten digits that happens to begin with ddmmyy cannot be told
    // from a CPR number; the message says to write it differently.
    expect(findCpr('Sagsnummer 1203871234')).toBe('1203871234');
    expect(findCpr('Konto 2001451234')).toBe('2001451234');
  });
});

describe('findCpr: dates that do not exist', () => {
  it.each([
    '310299-1234', // 31 February
    '300201-1234', // 30 February
    '290223-1234', // 29 February 1923 (7th digit 1: the 1900s), not a leap year
    '290223-4234', // 29 February 2023, not a leap year
    '290200-1234', // 29 February 1900: not a leap year (a century not divisible by 400)
    '310499-1234', // 31 April
    '310699-1234',
    '310999-1234',
    '311199-1234',
    '000199-1234', // day 0
    '320199-1234', // day 32
    '150099-1234', // month 0
    '151399-1234', // month 13
    '999999-9999',
  ])('%s is no CPR number', (text) => {
    expect(findCpr(text)).toBeNull();
  });

  it('29 February only in leap years, the century from the 7th digit', () => {
    expect(findCpr('290200-4234')).toBe('290200-4234'); // 2000: a leap year
    expect(findCpr('290200-0234')).toBeNull(); // 1900: not
    expect(findCpr('290296-1234')).toBe('290296-1234'); // 1996
    expect(findCpr('290224-4234')).toBe('290224-4234'); // 2024
    expect(findCpr('290224-9234')).toBe('290224-9234'); // 2024
    expect(findCpr('290260-5234')).toBe('290260-5234'); // 1860: a leap year
    expect(findCpr('290257-5234')).toBeNull(); // 2057: not a leap year
    expect(findCpr('290256-5234')).toBe('290256-5234'); // 2056
    expect(findCpr('290237-4234')).toBeNull(); // 1937 (4 and yy > 36): not
    expect(findCpr('290236-4234')).toBe('290236-4234'); // 2036
  });
});

describe('cprYear: the century from the 7th digit', () => {
  it.each([
    [0, 99, 1999],
    [1, 0, 1900],
    [2, 57, 1957],
    [3, 36, 1936],
    [4, 36, 2036],
    [4, 37, 1937],
    [9, 0, 2000],
    [9, 36, 2036],
    [9, 37, 1937],
    [5, 57, 2057],
    [5, 58, 1858],
    [6, 0, 2000],
    [7, 99, 1899],
    [8, 57, 2057],
    [8, 58, 1858],
  ])('7th digit %i, yy %i: %i', (seventh, yy, year) => {
    expect(cprYear(yy, seventh)).toBe(year);
  });
});

describe('findCpr: numbers that only look similar', () => {
  it.each([
    // Danish phone numbers: eight digits
    '+45 12 34 56 78',
    '12345678',
    '12 34 56 78',
    '+4512345678',
    '0045 1234 5678',
    'Ring på 70 20 30 40 eller 12345678',
    // CVR: eight digits
    'CVR 12345678',
    'CVR-nr. 12 34 56 78',
    'DK12345678',
    // Invoice numbers
    'HOLDET-2027-0042',
    'Faktura 2027-0001',
    'faktura nr. 20270001',
    // EAN/GLN: thirteen digits, also in groups
    '5790001234567',
    'EAN 5798000012345',
    'GLN 5 790001 234567',
    '5790001 234567',
    // Dates, amounts, times
    '07-06-2021',
    'den 7.6.2021',
    '2021-06-07',
    '18.000,00 kr.',
    '1.180.000,00',
    'kl. 10.00-14.30',
    '10:00-14:30',
    // Inside longer digit runs or words
    '07062112345',
    '107062112345',
    'ID070621-1234',
    '070621-1234X',
    '070621-12345',
    '12-070621-1234',
    '070621-1234-56',
    '1.0706211234',
    '0706211234,50 kr.',
    '070621/1234/5',
    // The space form joined to other groups (a number written in groups)
    '12 070621 1234',
    '070621 1234 56',
    // Too short or too long pieces
    '070621-123',
    '07062-1234',
    '0706 21-1234',
    'IBAN DK50 0040 0440 1162 43',
  ])('%j is no CPR number', (text) => {
    expect(findCpr(text)).toBeNull();
  });

  it('finds nothing in a text without digits, or an empty one', () => {
    expect(findCpr('')).toBeNull();
    expect(findCpr('Borgeren har været sygemeldt i et år.')).toBeNull();
  });

  it('is the same on a second call (no state left between calls)', () => {
    const text = 'a 070621-1234 b';
    expect(findCpr(text)).toBe('070621-1234');
    expect(findCpr(text)).toBe('070621-1234');
    expect(findCpr('310299-1234')).toBeNull();
    expect(findCpr(text)).toBe('070621-1234');
  });
});

describe('sensitiveNearName: hits', () => {
  it.each([
    ['K.L. er indlagt på psykiatrisk afdeling', ['indlagt', 'psykiatrisk']],
    ['Vi har en borger, K. L., som har depression', ['depression']],
    ['Borger A har ADHD og autisme', ['ADHD', 'autisme']],
    ['Jeg talte med borgeren A om hans angst', ['angst']],
    ['KL er dømt for vold', ['dømt', 'vold']],
    ['Vores borger KL er straffet for vold', ['straffet', 'vold']],
    ['Min medarbejder talte med Peter om hans skizofreni', ['skizofreni']],
    ['Hun fortalte, at Peter Hansen har PTSD efter udsendelsen', ['PTSD']],
    ['Mette har en depression', ['depression']],
    ['Søren er alkoholiker', ['alkoholiker']],
    ['Jens sidder i fængsel', ['fængsel']],
    ['Borgeren, hr. Jensen, er sigtet for tyveri', ['sigtet']],
    ['Vi har drøftet, om J.H. er kriminel', ['kriminel']],
    ['Fru Nielsen har fået kræft', ['kræft']],
    ['Hendes søn, Mads, har et misbrug af hash', ['misbrug']],
    ['Han har været udsat for overgreb, fortæller K.', ['overgreb']],
    ['Der er tale om vold i hjemmet hos familien Hansen', ['vold']],
    ['Lars har sagt ja til behandling', ['behandling']],
    ['Jeg kontaktede Rigshospitalet om Hanne, der er indlagt med en psykose.', ['indlagt', 'psykose']],
    ['Vi har en borger, lad os kalde ham J., som har et massivt misbrug og er hjemløs.', ['misbrug']],
    ['Vi ved, at Anna får medicin', ['medicin']],
  ])('%j warns of %j', (text, words) => {
    expect(sensitiveNearName(text)).toEqual(words);
  });

  it.each([
    ['Depressionen har fyldt meget for K.L.', 'Depressionen'],
    ['K.L. er en af de indlagte', 'indlagte'],
    ['Begge dømte, K.L. og M.N., er løsladt', 'dømte'],
    ['Fængslet har kontakt med K.L.', 'Fængslet'],
    ['K.L.s misbrugsbehandling er slut', 'misbrugsbehandling'],
    ['K.L. er stofmisbruger', 'stofmisbruger'],
    ['K.L. har brystkræft', 'brystkræft'],
    ['K.L. har en fødselsdepression', 'fødselsdepression'],
    ['K.L. er udsat for partnervold', 'partnervold'],
    ['K.L. er voldsramt', 'voldsramt'],
    ['K.L.’s indlæggelse varede en måned', 'indlæggelse'],
    ['Psykiateren har talt med KL', 'Psykiateren'],
    ['KL’s ADHD’en fylder', 'ADHD'],
    ['Hun er medicineret, siger K.L.', 'medicineret'],
    ['K.L. har angstanfald', 'angstanfald'],
    ['K.L. er sigtede i sagen', 'sigtede'],
    ['K.L. har en dom: fængselsstraf', 'fængselsstraf'],
  ])('matches Danish inflections and compounds: %j', (text, word) => {
    expect(sensitiveNearName(text)).toEqual([word]);
  });

  it('finds English posts too', () => {
    expect(sensitiveNearName('We met citizen K.L., who has depression')).toEqual(['depression']);
    expect(sensitiveNearName('Our client, Mr. Smith, was convicted and sent to prison')).toEqual([
      'convicted',
      'prison',
    ]);
  });

  it('gives each word once, as written first', () => {
    expect(sensitiveNearName('K.L. har angst. Angst fylder for K.L.')).toEqual(['angst']);
  });

  it('looks across a sentence end when the next sentence speaks of someone ("Karen. Hun er indlagt.")', () => {
    expect(sensitiveNearName('Jeg mødte Karen. Hun er indlagt.')).toEqual(['indlagt']);
    expect(sensitiveNearName('Vi mødte K.L. i går. Hans misbrug fylder.')).toEqual(['misbrug']);
    expect(sensitiveNearName('Jeg mødte Karen. Depression fylder meget i vores arbejde.')).toEqual([]);
    expect(sensitiveNearName('Hvordan kommer man fra behandling til job? Spørg Peter fra Aalborg.')).toEqual(
      [],
    );
  });

  it('reads a capital after a colon as a sentence’s (the dilemma template: "Situation: Borgeren …")', () => {
    expect(sensitiveNearName('Situation: Borgeren er tidligere dømt for vold.')).toEqual([]);
    expect(sensitiveNearName('Status: Peter er indlagt.')).toEqual(['indlagt']);
    expect(sensitiveNearName('K.L.: indlagt siden maj')).toEqual(['indlagt']);
  });

  it(`warns within ${NEAR} words on either side, not beyond`, () => {
    const filler = (n: number) => Array.from({ length: n }, () => 'ord').join(' ');
    expect(sensitiveNearName(`Vi mødte K.L. ${filler(NEAR - 1)} depression`)).toEqual(['depression']);
    expect(sensitiveNearName(`Vi mødte K.L. ${filler(NEAR)} depression`)).toEqual([]);
    expect(sensitiveNearName(`Om depression ${filler(NEAR - 1)} K.L.`)).toEqual(['depression']);
    expect(sensitiveNearName(`Om depression ${filler(NEAR)} K.L.`)).toEqual([]);
  });

  it('finds a name written in Markdown', () => {
    expect(sensitiveNearName('- **K.L.** er _indlagt_')).toEqual(['indlagt']);
    expect(sensitiveNearName('# Sagen\n\nVi talte med *Peter* om hans *angst*.')).toEqual(['angst']);
  });
});

describe('sensitiveNearName: near misses', () => {
  it.each([
    // Sensitive words with no person near
    'Depression er en af de hyppigste årsager til sygemelding.',
    'Mange borgere med angst har brug for et roligt forløb.',
    'Vi har sat fokus på borgere med misbrug.',
    'Hvordan arbejder I med sygemeldte, der er i behandling?',
    'Hvordan samarbejder vi med psykiatrien om indlagte borgere?',
    // The capitalised first word of a sentence is not a name (unless a common first name)
    'Borgeren er indlagt.',
    'Behandlingen er slut.',
    'Medarbejderen fortalte, at borgeren har angst.',
    // Places, institutions, weekdays, months
    'Jobcenter Aarhus har mange borgere med depression.',
    'I København og Odense er flere indlagt end i Aalborg.',
    'På mandag drøfter vi behandling af borgere med angst i Region Hovedstaden.',
    'Psykiatrien i Region Syddanmark har lange ventelister til behandling.',
    'I marts og april var mange i behandling.',
    'Vi talte om Jobcentrets samarbejde med Kriminalforsorgen om dømte.',
    'Holdets materialer om angst ligger på Holdet.',
    // Acronyms and words in capitals that are not initials
    'VIGTIGT: ER DU I BEHANDLING?',
    'OG HAN ER INDLAGT',
    'STAR har tal for ledige med misbrug.',
    'EU-midler til behandling af ledige.',
    'Vi har en FAQ om medicin.',
    // The pronoun I, A-kasse, A4
    'Hvordan hjælper I borgere i behandling?',
    'A-kassen kender ikke til misbrug.',
    'Skriv på et A4-ark om behandling.',
    // "sigtet med" is an aim, not a charge
    'Sigtet med forløbet for Jobcenter Odense er, at K.L. kommer i job.',
    // Ordinary uses of words that look like sensitive ones
    'Sagen er behandlet af Peter.',
    'Peter er sagsbehandler.',
    'Mette står for sagsbehandlingen.',
    'Peter har en god fangst.',
    'Den langstrakte proces med Peter.',
    'Mette arbejder med voldsomme stigninger.',
    'Peter har fordømt beslutningen.',
    'Ifølge Sundhedsstyrelsen er angst og depression de hyppigste diagnoser blandt sygemeldte.',
    'Vi drøftede med VIVE og STAR, hvordan behandling kan kombineres med job.',
    // Addresses
    'Se https://example.dk/Peter/depression eller skriv til peter.hansen@kommune.dk om behandling.',
  ])('%j does not warn', (text) => {
    expect(sensitiveNearName(text)).toEqual([]);
  });

  it('is empty for an empty text', () => {
    expect(sensitiveNearName('')).toEqual([]);
  });
});

describe('sensitiveNearName: a sensitive word said of a group', () => {
  it.each([
    'Lene, hvordan hjælper I borgere med angst?',
    'Spørgsmål til Peter: hvad virker for unge med ADHD, autisme og angst?',
    'Mette, har I erfaring med sygemeldte med svær depression eller PTSD?',
    'Question for Anna: what works for citizens with depression?',
  ])('next to a name does not warn: %j', (text) => {
    expect(sensitiveNearName(text)).toEqual([]);
  });

  it('next to initials still warns: initials are how a citizen’s case is written', () => {
    expect(sensitiveNearName('K.L. er blandt borgere med angst')).toEqual(['angst']);
    expect(sensitiveNearName('Borger A: unge med ADHD og autisme')).toEqual(['ADHD', 'autisme']);
  });

  it('only for the words of the group: another sensitive word near the name warns', () => {
    expect(sensitiveNearName('Borgere med angst: Peter er indlagt')).toEqual(['indlagt']);
  });
});

describe('sensitiveNearName: the everyday words of the field never warn on their own', () => {
  it.each([
    'sygemeldte',
    'ledige',
    'borgere',
    'jobparate',
    'aktivitetsparate',
    'ressourceforløb',
    'sygedagpenge',
  ])('%s next to a name', (word) => {
    expect(sensitiveNearName(`Peter og K.L. taler om ${word} og ${word.toUpperCase()} med Mette`)).toEqual(
      [],
    );
  });

  it.each([
    'Hvordan får vi de sygemeldte hurtigere tilbage? I Jobcenter Aarhus har vi prøvet en ny model med ' +
      'virksomhedskonsulenter, og Mette fra vores team har ledet arbejdet.',
    'Vi har 1.200 ledige, heraf 300 aktivitetsparate og 150 i ressourceforløb. Hvad gør I i Odense?',
    'Spørgsmål til Lene: hvordan prioriterer I mellem jobparate og aktivitetsparate borgere, når ' +
      'sygedagpengeopfølgningen presser?',
    'Tak til Peter for oplægget på mandag. Jeg tager det med til vores ledermøde i KL-regi.',
    'Dilemma: Min medarbejder K. har svært ved at nå sine opfølgningssamtaler. Skal jeg omprioritere?',
    'Opsamling fra session 2: Vi drøftede sygemeldte borgeres forløb, og Anders fra Randers fortalte om ' +
      'deres erfaringer med tidlig indsats.',
    'Borger A har været ledig i to år og har nu fået job hos Netto. Det er en succes for hele teamet.',
    'Faktura HOLDET-2027-0042 på 18.000,00 kr. er betalt. Ring til Mette på 12 34 56 78.',
  ])('a case text managers write: %j', (text) => {
    expect(sensitiveNearName(text)).toEqual([]);
    expect(findCpr(text)).toBeNull();
  });
});

describe('checkPersonalData', () => {
  it('is ok for ordinary fields, with nothing to say', () => {
    expect(checkPersonalData({ title: 'Sygemeldte', body: 'Hvordan gør I?' }, false, 'da')).toEqual({
      errors: {},
      warnings: {},
      ok: true,
    });
    expect(checkPersonalData({}, false, 'en')).toEqual({ errors: {}, warnings: {}, ok: true });
  });

  it('refuses a CPR number in any field, confirmed or not, without echoing it', () => {
    for (const confirmed of [false, true]) {
      const check = checkPersonalData({ title: 'Om en borger', body: 'Cpr 070621-1234' }, confirmed, 'da');
      expect(check.ok).toBe(false);
      expect(Object.keys(check.errors)).toEqual(['body']);
      expect(check.warnings).toEqual({});
      expect(check.errors.body).toContain('CPR-nummer');
      expect(check.errors.body).toContain('fjern det, før du gemmer');
      expect(check.errors.body).not.toMatch(/070621|1234/);
    }
  });

  it('warns per field of sensitive words near a name; ok only when confirmed', () => {
    const fields = { title: 'K.L. er indlagt', body: 'Hvad gør vi?', situation: 'Peter har angst og ADHD' };
    const unconfirmed = checkPersonalData(fields, false, 'da');
    expect(unconfirmed.ok).toBe(false);
    expect(unconfirmed.errors).toEqual({});
    expect(Object.keys(unconfirmed.warnings)).toEqual(['title', 'situation']);
    expect(unconfirmed.warnings.title).toContain('»indlagt«');
    expect(unconfirmed.warnings.situation).toContain('»angst« og »ADHD«');
    expect(unconfirmed.warnings.situation).toContain('følsomme personoplysninger');
    expect(unconfirmed.warnings.situation).toContain('bekræft nedenfor');
    const confirmed = checkPersonalData(fields, true, 'da');
    expect(confirmed.ok).toBe(true);
    expect(confirmed.warnings).toEqual(unconfirmed.warnings);
  });

  it('lets the error win over the warning in the same field, and still reports other fields’ warnings', () => {
    const check = checkPersonalData(
      { body: 'K.L. (070621-1234) er indlagt', other: 'Mette er dømt' },
      true,
      'da',
    );
    expect(Object.keys(check.errors)).toEqual(['body']);
    expect(Object.keys(check.warnings)).toEqual(['other']);
    expect(check.ok).toBe(false);
  });

  it('speaks English when asked, saying why and what to do', () => {
    const check = checkPersonalData({ a: '0706211234', b: 'K.L. is in prison' }, false, 'en');
    expect(check.errors.a).toContain('CPR number');
    expect(check.errors.a).toContain('remove it before you save');
    expect(check.errors.a).not.toContain('0706211234');
    expect(check.warnings.b).toContain('“prison”');
    expect(check.warnings.b).toContain('sensitive personal data');
    expect(check.warnings.b).toContain('confirm below');
  });

  it('names the confirmation field', () => {
    expect(CONFIRM_FIELD).toBe('bekraeft_personoplysninger');
  });
});

describe('any input', () => {
  it('never throws, whatever a member sends', () => {
    for (const text of [
      '\u0000',
      '\ud800',
      '👩‍⚕️ K.L. 🏥 indlagt',
      'K.',
      '.',
      '-'.repeat(100),
      'a\u0301'.repeat(50),
    ]) {
      expect(() => checkPersonalData({ text }, false, 'da')).not.toThrow();
    }
    expect(sensitiveNearName('👩‍⚕️ K.L. 🏥 indlagt')).toEqual(['indlagt']);
  });

  it('checks a long text in linear time (no pattern backtracks over a long run)', () => {
    // Each of these took seconds at 20,000 characters with a quadratic pattern; 100,000 must take well under
    // five seconds together (they take well under one).
    const n = 100_000;
    const texts = [
      'a'.repeat(n),
      'a.'.repeat(n / 2),
      'a@'.repeat(n / 2),
      '1'.repeat(n),
      '070621-'.repeat(n / 7),
      'K.'.repeat(n / 2),
      'K.L. Peter depression indlagt '.repeat(n / 30),
    ];
    const started = performance.now();
    for (const text of texts) checkPersonalData({ text }, false, 'da');
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
