import type { MessagePurpose, TemplateVariant } from "./message-template.js";

/** A template Cascade ships, ready to use and to copy. */
export interface DefaultTemplate {
  id: string;
  name: string;
  purpose: MessagePurpose;
  description: string;
  variants: TemplateVariant[];
}

const v = (locale: string, subject: string, body: string): TemplateVariant => ({
  locale,
  subject,
  body,
});

const daysLeft = {
  en: "{daysLeft, plural, =0 {today} one {in # day} other {in # days}}",
  fr: "{daysLeft, plural, =0 {aujourd’hui} one {dans # jour} other {dans # jours}}",
  de: "{daysLeft, plural, =0 {heute} one {in # Tag} other {in # Tagen}}",
  es: "{daysLeft, plural, =0 {hoy} one {en # día} other {en # días}}",
};

/**
 * The built-in templates, one per purpose, in English, French, German and Spanish. Operators edit
 * them or write their own; a cadence refers to templates by id.
 */
export const defaultTemplates: DefaultTemplate[] = [
  {
    id: "default-announcement",
    name: "Announcement",
    purpose: "announcement",
    description: "Tells people a program is coming, before their wave launches.",
    variants: [
      v(
        "en",
        "Coming soon: {programName}",
        "Hello {firstName},\n\n{programName} starts for you soon. You will receive a link to begin when your wave opens; it should be finished by {dueDate, date, long}.\n\nThank you.",
      ),
      v(
        "fr",
        "Bientôt : {programName}",
        "Bonjour {firstName},\n\n{programName} commence bientôt pour vous. Vous recevrez un lien dès l’ouverture de votre vague ; la formation est à terminer avant le {dueDate, date, long}.\n\nMerci.",
      ),
      v(
        "de",
        "Demnächst: {programName}",
        "Hallo {firstName},\n\n{programName} beginnt bald für Sie. Sie erhalten einen Link, sobald Ihre Welle startet; abschließen bis {dueDate, date, long}.\n\nVielen Dank.",
      ),
      v(
        "es",
        "Próximamente: {programName}",
        "Hola {firstName}:\n\n{programName} empieza pronto para ti. Recibirás un enlace cuando se abra tu oleada; deberás terminarlo antes del {dueDate, date, long}.\n\nGracias.",
      ),
    ],
  },
  {
    id: "default-launch",
    name: "Launch",
    purpose: "launch",
    description: "The enrollment message with the link to start, sent when the wave launches.",
    variants: [
      v(
        "en",
        "{programName}: your training is ready",
        "Hello {firstName},\n\nYou have been enrolled in {programName} ({waveName}). Please complete it by {dueDate, date, long}.\n\nStart here: {launchLink}\n\nQuestions? Ask {managerName} or reply to this message.",
      ),
      v(
        "fr",
        "{programName} : votre formation est prête",
        "Bonjour {firstName},\n\nVous êtes inscrit·e à {programName} ({waveName}). Merci de la terminer avant le {dueDate, date, long}.\n\nCommencer : {launchLink}\n\nDes questions ? Adressez-vous à {managerName} ou répondez à ce message.",
      ),
      v(
        "de",
        "{programName}: Ihre Schulung ist bereit",
        "Hallo {firstName},\n\nSie wurden für {programName} ({waveName}) angemeldet. Bitte schließen Sie die Schulung bis {dueDate, date, long} ab.\n\nHier starten: {launchLink}\n\nFragen? Wenden Sie sich an {managerName} oder antworten Sie auf diese Nachricht.",
      ),
      v(
        "es",
        "{programName}: tu formación está lista",
        "Hola {firstName}:\n\nTe hemos inscrito en {programName} ({waveName}). Termínala antes del {dueDate, date, long}.\n\nEmpieza aquí: {launchLink}\n\n¿Dudas? Pregunta a {managerName} o responde a este mensaje.",
      ),
    ],
  },
  {
    id: "default-session-invitation",
    name: "Session invitation",
    purpose: "session_invitation",
    description: "Invites a learner to an instructor-led session.",
    variants: [
      v(
        "en",
        "Invitation: {programName} session on {sessionStart, date, medium}",
        "Hello {firstName},\n\nYour {programName} session is on {sessionStart, date, full} at {sessionStart, time, short} ({sessionLocation}).\n\nDetails: {launchLink}",
      ),
      v(
        "fr",
        "Invitation : session {programName} le {sessionStart, date, medium}",
        "Bonjour {firstName},\n\nVotre session {programName} a lieu le {sessionStart, date, full} à {sessionStart, time, short} ({sessionLocation}).\n\nDétails : {launchLink}",
      ),
      v(
        "de",
        "Einladung: {programName}-Termin am {sessionStart, date, medium}",
        "Hallo {firstName},\n\nIhr {programName}-Termin ist am {sessionStart, date, full} um {sessionStart, time, short} ({sessionLocation}).\n\nDetails: {launchLink}",
      ),
      v(
        "es",
        "Invitación: sesión de {programName} el {sessionStart, date, medium}",
        "Hola {firstName}:\n\nTu sesión de {programName} es el {sessionStart, date, full} a las {sessionStart, time, short} ({sessionLocation}).\n\nDetalles: {launchLink}",
      ),
    ],
  },
  {
    id: "default-reminder",
    name: "Reminder",
    purpose: "reminder",
    description: "A nudge for people who have not started.",
    variants: [
      v(
        "en",
        "Reminder: {programName} is waiting for you",
        "Hello {firstName},\n\nYou have not started {programName} yet. It takes about an hour and is due {dueDate, date, long}.\n\nStart here: {launchLink}",
      ),
      v(
        "fr",
        "Rappel : {programName} vous attend",
        "Bonjour {firstName},\n\nVous n’avez pas encore commencé {programName}. Comptez environ une heure ; échéance le {dueDate, date, long}.\n\nCommencer : {launchLink}",
      ),
      v(
        "de",
        "Erinnerung: {programName} wartet auf Sie",
        "Hallo {firstName},\n\nSie haben {programName} noch nicht begonnen. Es dauert etwa eine Stunde und ist bis {dueDate, date, long} fällig.\n\nHier starten: {launchLink}",
      ),
      v(
        "es",
        "Recordatorio: {programName} te espera",
        "Hola {firstName}:\n\nAún no has empezado {programName}. Lleva una hora aproximadamente y vence el {dueDate, date, long}.\n\nEmpieza aquí: {launchLink}",
      ),
    ],
  },
  {
    id: "default-deadline-approaching",
    name: "Deadline approaching",
    purpose: "deadline_approaching",
    description: "Before the due date, to people who have not completed.",
    variants: [
      v(
        "en",
        "{programName} is due {daysLeft, plural, =0 {today} one {tomorrow} other {in # days}}",
        `Hello {firstName},\n\n{programName} is due ${daysLeft.en}, on {dueDate, date, long}.\n\nContinue here: {launchLink}`,
      ),
      v(
        "fr",
        "{programName} : échéance {daysLeft, plural, =0 {aujourd’hui} one {demain} other {dans # jours}}",
        `Bonjour {firstName},\n\n{programName} est à terminer ${daysLeft.fr}, le {dueDate, date, long}.\n\nContinuer : {launchLink}`,
      ),
      v(
        "de",
        "{programName} ist {daysLeft, plural, =0 {heute} one {morgen} other {in # Tagen}} fällig",
        `Hallo {firstName},\n\n{programName} ist ${daysLeft.de} fällig, am {dueDate, date, long}.\n\nHier weitermachen: {launchLink}`,
      ),
      v(
        "es",
        "{programName} vence {daysLeft, plural, =0 {hoy} one {mañana} other {en # días}}",
        `Hola {firstName}:\n\n{programName} vence ${daysLeft.es}, el {dueDate, date, long}.\n\nContinúa aquí: {launchLink}`,
      ),
    ],
  },
  {
    id: "default-overdue",
    name: "Overdue",
    purpose: "overdue",
    description: "After the due date, to people who have not completed.",
    variants: [
      v(
        "en",
        "Overdue: {programName}",
        "Hello {firstName},\n\n{programName} was due on {dueDate, date, long} and is not complete yet. Please finish it as soon as you can; {managerName} has been told.\n\n{launchLink}",
      ),
      v(
        "fr",
        "En retard : {programName}",
        "Bonjour {firstName},\n\n{programName} était à terminer le {dueDate, date, long}. Merci de la finir dès que possible ; {managerName} en est informé·e.\n\n{launchLink}",
      ),
      v(
        "de",
        "Überfällig: {programName}",
        "Hallo {firstName},\n\n{programName} war am {dueDate, date, long} fällig und ist noch nicht abgeschlossen. Bitte holen Sie es bald nach; {managerName} ist informiert.\n\n{launchLink}",
      ),
      v(
        "es",
        "Atrasado: {programName}",
        "Hola {firstName}:\n\n{programName} vencía el {dueDate, date, long} y aún no está terminado. Termínalo cuanto antes; {managerName} está al tanto.\n\n{launchLink}",
      ),
    ],
  },
  {
    id: "default-manager-briefing",
    name: "Manager briefing",
    purpose: "manager_briefing",
    description: "Tells managers, at launch, what their team has been asked to do.",
    variants: [
      v(
        "en",
        "Your team starts {programName}",
        "Hello {firstName},\n\n{teamSize, plural, one {One person} other {# people}} in your team {teamSize, plural, one {has} other {have}} been enrolled in {programName} ({waveName}), due {dueDate, date, long}. Please give them the time to complete it.\n\nYour team's progress: {teamLink}",
      ),
      v(
        "fr",
        "Votre équipe commence {programName}",
        "Bonjour {firstName},\n\n{teamSize, plural, one {Une personne} other {# personnes}} de votre équipe {teamSize, plural, one {est inscrite} other {sont inscrites}} à {programName} ({waveName}), échéance le {dueDate, date, long}. Merci de leur laisser le temps de la suivre.\n\nProgression de votre équipe : {teamLink}",
      ),
      v(
        "de",
        "Ihr Team beginnt {programName}",
        "Hallo {firstName},\n\n{teamSize, plural, one {Eine Person} other {# Personen}} aus Ihrem Team {teamSize, plural, one {ist} other {sind}} für {programName} ({waveName}) angemeldet, fällig am {dueDate, date, long}. Bitte geben Sie ihnen die Zeit dafür.\n\nFortschritt Ihres Teams: {teamLink}",
      ),
      v(
        "es",
        "Tu equipo empieza {programName}",
        "Hola {firstName}:\n\n{teamSize, plural, one {Una persona} other {# personas}} de tu equipo {teamSize, plural, one {está inscrita} other {están inscritas}} en {programName} ({waveName}), con vencimiento el {dueDate, date, long}. Dales tiempo para completarlo.\n\nProgreso de tu equipo: {teamLink}",
      ),
    ],
  },
  {
    id: "default-manager-digest",
    name: "Manager digest",
    purpose: "manager_digest",
    description: "A manager's weekly summary of their team, instead of one message per report.",
    variants: [
      v(
        "en",
        "{programName}: your team this week",
        "Hello {firstName},\n\nOf your {teamSize, plural, one {# report} other {# reports}} in {programName}: {completedCount, number} completed, {notStartedCount, number} not started, {overdueCount, plural, =0 {none overdue} other {# overdue}}.\n\nSee who needs a nudge: {teamLink}",
      ),
      v(
        "fr",
        "{programName} : votre équipe cette semaine",
        "Bonjour {firstName},\n\nSur {teamSize, plural, one {# collaborateur} other {# collaborateurs}} inscrits à {programName} : {completedCount, number} terminé(s), {notStartedCount, number} pas commencé(s), {overdueCount, plural, =0 {aucun en retard} other {# en retard}}.\n\nQui relancer : {teamLink}",
      ),
      v(
        "de",
        "{programName}: Ihr Team diese Woche",
        "Hallo {firstName},\n\nVon {teamSize, plural, one {# Mitarbeitenden} other {# Mitarbeitenden}} in {programName}: {completedCount, number} abgeschlossen, {notStartedCount, number} nicht begonnen, {overdueCount, plural, =0 {keine überfällig} other {# überfällig}}.\n\nWer eine Erinnerung braucht: {teamLink}",
      ),
      v(
        "es",
        "{programName}: tu equipo esta semana",
        "Hola {firstName}:\n\nDe {teamSize, plural, one {# persona} other {# personas}} de tu equipo en {programName}: {completedCount, number} completado(s), {notStartedCount, number} sin empezar, {overdueCount, plural, =0 {ninguno atrasado} other {# atrasado(s)}}.\n\nA quién recordárselo: {teamLink}",
      ),
    ],
  },
  {
    id: "default-escalation",
    name: "Escalation",
    purpose: "escalation",
    description: "Goes up the manager chain when a report stays overdue.",
    variants: [
      v(
        "en",
        "Overdue in your organisation: {reportName}",
        "Hello {firstName},\n\n{reportName} has not completed {programName}, which was due on {dueDate, date, long}. Please follow up.\n\n{teamLink}",
      ),
      v(
        "fr",
        "En retard dans votre organisation : {reportName}",
        "Bonjour {firstName},\n\n{reportName} n’a pas terminé {programName}, à rendre le {dueDate, date, long}. Merci d’assurer le suivi.\n\n{teamLink}",
      ),
      v(
        "de",
        "Überfällig in Ihrem Bereich: {reportName}",
        "Hallo {firstName},\n\n{reportName} hat {programName} nicht abgeschlossen, fällig am {dueDate, date, long}. Bitte haken Sie nach.\n\n{teamLink}",
      ),
      v(
        "es",
        "Atrasado en tu organización: {reportName}",
        "Hola {firstName}:\n\n{reportName} no ha completado {programName}, que vencía el {dueDate, date, long}. Por favor, haz el seguimiento.\n\n{teamLink}",
      ),
    ],
  },
  {
    id: "default-completion",
    name: "Completion",
    purpose: "completion",
    description: "Thanks people when they complete.",
    variants: [
      v(
        "en",
        "Well done: {programName} completed",
        "Hello {firstName},\n\nThank you for completing {programName}.\n\nYour record: {launchLink}",
      ),
      v(
        "fr",
        "Bravo : {programName} terminé",
        "Bonjour {firstName},\n\nMerci d’avoir terminé {programName}.\n\nVotre attestation : {launchLink}",
      ),
      v(
        "de",
        "Gut gemacht: {programName} abgeschlossen",
        "Hallo {firstName},\n\nDanke, dass Sie {programName} abgeschlossen haben.\n\nIhr Nachweis: {launchLink}",
      ),
      v(
        "es",
        "¡Bien hecho! {programName} completado",
        "Hola {firstName}:\n\nGracias por completar {programName}.\n\nTu registro: {launchLink}",
      ),
    ],
  },
];
