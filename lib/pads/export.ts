import { db } from '../storage/db';
import { padRecordSchema } from './records';

/** One pad of this browser's records, as **Export pads** writes it. */
export interface PadExportRow {
  candidateName: string;
  /** Lever's opportunity id: the application the pad was made for. */
  applicationId: string;
  candidateUrl: string;
  /** The configuration, by its tag and stage. */
  tag: string;
  stageName: string;
  padUrl: string;
  createdAt: number;
  status: string;
  summaryState: string;
}

/** Every pad record this browser keeps, newest first (a record that cannot be read is left out). */
export async function padsForExport(): Promise<PadExportRow[]> {
  const rows = await db().records.orderBy('createdAt').reverse().toArray();
  return rows.flatMap((row) => {
    const parsed = padRecordSchema.safeParse(row);
    if (!parsed.success) return [];
    const r = parsed.data;
    return [
      {
        candidateName: r.candidateName,
        applicationId: r.opportunityId,
        candidateUrl: r.candidateUrl,
        tag: r.tag,
        stageName: r.stageName,
        padUrl: r.url,
        createdAt: r.createdAt,
        status: r.status,
        summaryState: r.summary.state,
      },
    ];
  });
}
