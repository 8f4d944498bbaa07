import { catalogue, type Translation } from '../../web/i18n.ts';

const da = {
  'members.title': 'Mit hold',
  'members.intro': 'Her finder du de hold, du er med på: programmet, din rolle og det, holdet deler.',
  'members.none': 'Du er ikke med på noget hold endnu.',
  'members.seeSeries': 'Se de hold, du kan tilmelde dig',
  'members.yourRole': 'Din rolle',
  'members.publicPage': 'Rækkens offentlige side',
  'members.open': (title: string) => `Gå til ${title}`,
  'members.programme': 'Programmet',
  'members.programmeIntro': 'Sessionerne med tid, sted og ekspert.',
  'members.yourSessionsFirst': 'Dine egne sessioner står først.',
  'members.onlyYourSession': 'Som stedfortræder ser du den session, du deltager i.',
  'members.yours': 'Din session',
  'members.session': (n: number) => `Session ${n}`,
  'members.time': 'Tid',
  'members.place': 'Sted',
  'members.expert': 'Ekspert',
  'members.noExpert': 'Ingen ekspert endnu',
  'members.meetingLink': 'Gå til onlinemødet',
  'members.sessionPage': 'Om sessionen',
  'members.questions': 'Spørgsmål til eksperterne',
  'members.questionsEmpty':
    'Spørgsmål til eksperterne og deres svar samles her. Der er ingen spørgsmål endnu.',
  'members.dilemmas': 'Dilemmaer',
  'members.dilemmasEmpty':
    'Dilemmaer, visioner og problemer til fælles undersøgelse samles her. Der er ingen endnu.',
  'members.messages': 'Beskeder',
  'members.messagesEmpty':
    'Beskeder fra arrangøren og facilitatoren til holdet samles her. Der er ingen beskeder endnu.',
  'members.members': 'Deltagerne',
  'members.membersEmpty': 'Oversigten over holdets deltagere, der har sagt ja til at stå i den, kommer her.',
  'members.standing': 'Din tilmelding',
  'members.awaiting': (until: string) =>
    `Din tilmelding afventer bekræftelse. Bekræft den fra mailen senest ${until}, ellers bortfalder pladsen.`,
  'members.waitlisted': (n: number) => `Du står på ventelisten som nummer ${n}.`,
  'members.waitlistedNoPosition': 'Du står på ventelisten.',
  'members.offered': 'Du har fået tilbudt en plads. Svar på tilbuddet på Min side.',
  'members.notMemberYet':
    'Programmet og holdets fælles sider åbner, når du har en plads på holdet. Du får besked, hvis en plads bliver ledig.',
  'members.toMyPage': 'Gå til Min side',
  'members.statusWord.awaiting': 'afventer bekræftelse',
  'members.statusWord.waitlisted': 'på ventelisten',
  'members.statusWord.offered': 'plads tilbudt',
  'members.statusWord.confirmed': 'tilmeldt',
} as const;

const en: Translation<typeof da> = {
  'members.title': 'My cohort',
  'members.intro': 'The cohorts you are part of: the programme, your role and what the cohort shares.',
  'members.none': 'You are not part of any cohort yet.',
  'members.seeSeries': 'See the series you can register for',
  'members.yourRole': 'Your role',
  'members.publicPage': 'The series’ public page',
  'members.open': (title: string) => `Go to ${title}`,
  'members.programme': 'The programme',
  'members.programmeIntro': 'The sessions with time, place and expert.',
  'members.yourSessionsFirst': 'Your own sessions come first.',
  'members.onlyYourSession': 'As a substitute you see the session you attend.',
  'members.yours': 'Your session',
  'members.session': (n: number) => `Session ${n}`,
  'members.time': 'Time',
  'members.place': 'Place',
  'members.expert': 'Expert',
  'members.noExpert': 'No expert yet',
  'members.meetingLink': 'Join the online meeting',
  'members.sessionPage': 'About the session',
  'members.questions': 'Questions to the experts',
  'members.questionsEmpty':
    'Questions to the experts and their answers are gathered here. There are no questions yet.',
  'members.dilemmas': 'Dilemmas',
  'members.dilemmasEmpty':
    'Dilemmas, visions and problems for joint inquiry are gathered here. There are none yet.',
  'members.messages': 'Messages',
  'members.messagesEmpty':
    'Messages from the organiser and the facilitator to the cohort are gathered here. There are none yet.',
  'members.members': 'The members',
  'members.membersEmpty': 'The list of the cohort’s members who have agreed to appear in it comes here.',
  'members.standing': 'Your registration',
  'members.awaiting': (until: string) =>
    `Your registration awaits confirmation. Confirm it from the email by ${until}, or the place lapses.`,
  'members.waitlisted': (n: number) => `You are number ${n} on the waiting list.`,
  'members.waitlistedNoPosition': 'You are on the waiting list.',
  'members.offered': 'You have been offered a seat. Answer the offer on My page.',
  'members.notMemberYet':
    'The programme and the cohort’s shared pages open once you have a seat. You will hear from us if a seat comes free.',
  'members.toMyPage': 'Go to My page',
  'members.statusWord.awaiting': 'awaiting confirmation',
  'members.statusWord.waitlisted': 'on the waiting list',
  'members.statusWord.offered': 'seat offered',
  'members.statusWord.confirmed': 'registered',
};

export const membersMessages = catalogue(da, en);
