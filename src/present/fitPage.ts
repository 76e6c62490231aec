// fit.html: the fit's self-contained report (the rows, notes and panels of fitReport.ts on a protocol
// page: uPlot inlined, no network request).
import type { FitResult } from "../fit/fit.js";
import { fitNotes, fitPanels, fitRows } from "./fitReport.js";
import { protocolPage } from "./protocolReports.js";

/** The report of a fit of the data in `source` (a file name, for the title). */
export function fitReportHtml(r: FitResult, source: string): string {
  return protocolPage(`Tsodyks-Markram fit of ${source}`, fitRows(r, source), fitNotes(r), fitPanels(r));
}
