import type { Repositories } from '../../db/repositories';

export interface SampleSummary {
  councilId: string;
  councilName: string;
  teamId: string | null;
  meetingId: string | null;
  sessionId: string | null;
  projectId: string | null;
}

/** Where the sample council's places are, for the welcome's links; null when there is no sample. */
export async function sampleSummary(repos: Repositories): Promise<SampleSummary | null> {
  const { db } = repos;
  const council = await db.councils.filter((c) => c.sample === true).first();
  if (!council) return null;
  const team = await db.teams.where('councilId').equals(council.id).first();
  const meeting = team ? await db.meetings.where('bodyId').equals(team.id).first() : undefined;
  const session = meeting ? await db.ibpsSessions.where('meetingId').equals(meeting.id).first() : undefined;
  const project = team ? await db.improvementProjects.where('teamId').equals(team.id).first() : undefined;
  return {
    councilId: council.id,
    councilName: council.name,
    teamId: team?.id ?? null,
    meetingId: meeting?.id ?? null,
    sessionId: session?.id ?? null,
    projectId: project?.id ?? null,
  };
}
