/**
 * Printed reports: an executed notebook as one self-contained HTML document
 * (`renderNotebookHtml`), printed to PDF with headless Chromium (`printPdf`).
 */
export { renderNotebookHtml, type RenderNotebookOptions } from './render-notebook-html';
export type { CoverFields } from './cover-page';
export { REPORT_TAGS } from './cell-html';
export { printPdf, type PrintPdfOptions, type PrintPdfResult } from './print-pdf';
export { makeReport, type MakeReportOptions, type MakeReportResult } from './make-report';
export { CHROMIUM_ENV, findChromium, type ChromiumSearch } from './find-chromium';
export { ReportError } from './report-error';
export { redact, type RedactOptions } from './redact';
export { PRINTABLE_WIDTH_PX } from './print-css';
