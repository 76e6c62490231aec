// stp-wasm/node: the public API (index.ts) plus what needs Node: self-contained HTML reports (they
// inline uPlot read from disk), PNG pictures of them (headless Chromium) and the command line.
export * from "./index.js";
export { lessonReportHtml, sweepReportHtml, lessonFigureData } from "./present/report.js";
export { gridReportHtml } from "./present/gridReport.js";
export { pairedPulseReport, trainRecoveryReport, tsodyks1998Report, type ProtocolReport } from "./present/protocolReports.js";
export { fitReportHtml } from "./present/fitPage.js";
export { tum2000Report, mongillo2008Report, type PaperReport } from "./present/paperReports.js";
export { renderPngs, findChromium, ChromiumMissingError, type PngJob } from "./present/png.js";
export { main as cli, type Io } from "./cli/main.js";
