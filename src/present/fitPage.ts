// fit.html: the fit's self-contained report (the rows, notes and panels of fitReport.ts on a protocol
// page: uPlot inlined, no network request).
import type { FitResult } from "../fit/fit.js";
import { fitNotes, fitPanels, fitRows } from "./fitReport.js";
import { protocolPage } from "./protocolReports.js";

/** The report of a fit of the data in `source` (a file name, for the title). */
export function fitReportHtml(r: FitResult, source: string): string {
  const d = r.data;
  const lede = `Tsodyks-Markram synapse fitted to ${d.sweeps} sweep${d.sweeps === 1 ? "" : "s"} of recorded amplitudes ` +
    `(${d.spikes} spikes): each sweep's amplitudes against the best fit, then each free parameter's posterior.`;
  return protocolPage(`Tsodyks-Markram fit of ${source}`, lede, fitRows(r, source), fitNotes(r), fitPanels(r));
}
