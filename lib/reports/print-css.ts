/** The look of a printed report: A4 pages, page numbers, breaks that keep things whole. */
import { CHART_FONT_FAMILY, TEXT_COLOR } from '../charts/theme';

/** The printable width of A4 with 15 mm margins, in CSS pixels (180 mm at 96 px per inch). */
export const PRINTABLE_WIDTH_PX = 680;

/**
 * The report's style sheet. Page numbers are CSS page-margin boxes (`n / N` at the bottom
 * right, none on the cover), which Chromium prints with `preferCSSPageSize`.
 */
export function printCss(): string {
  return `
@page { size: A4; margin: 15mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-family: ${CHART_FONT_FAMILY}; font-size: 9pt; color: #666; } }
@page :first { @bottom-right { content: none; } }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: ${CHART_FONT_FAMILY}; font-size: 10.5pt; line-height: 1.45; color: ${TEXT_COLOR};
  max-width: ${PRINTABLE_WIDTH_PX}px; margin: 0 auto; }
@media print { body { margin: 0; } }
.cover { break-after: page; padding-top: 80mm; }
.cover-title { font-size: 26pt; line-height: 1.2; margin: 0 0 12mm; }
.cover-fields { display: grid; grid-template-columns: max-content 1fr; gap: 2mm 8mm; font-size: 11pt; }
.cover-fields dt { font-weight: bold; } .cover-fields dd { margin: 0; }
h1, h2, h3, h4, h5, h6 { break-after: avoid; break-inside: avoid; line-height: 1.25; margin: 1.2em 0 0.5em; }
h1 { font-size: 20pt; } h2 { font-size: 15pt; } h3 { font-size: 12.5pt; } h4, h5, h6 { font-size: 11pt; }
p, li { orphans: 3; widows: 3; }
.cell { margin: 0 0 4mm; }
.guildaudit-chart, figure, img, svg, .output-image { break-inside: avoid; }
.guildaudit-chart { width: ${PRINTABLE_WIDTH_PX}px !important; max-width: 100%; }
figure { margin: 0; } img { max-width: 100%; }
table { border-collapse: collapse; font-size: 9pt; margin: 2mm 0; }
thead { display: table-header-group; } tfoot { display: table-footer-group; }
tr, caption { break-inside: avoid; }
th, td { padding: 1mm 2mm; border-bottom: 0.5pt solid #ccc; vertical-align: top; }
th { border-bottom: 1pt solid #888; text-align: left; }
caption { text-align: left; font-weight: bold; padding-bottom: 1mm; }
pre { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; white-space: pre-wrap; overflow-wrap: anywhere;
  background: #f6f6f6; padding: 2mm 3mm; margin: 0 0 3mm; }
pre.code-input { background: #eef2f7; border-left: 1mm solid #0072B2; }
a { color: #0072B2; text-decoration: none; }
`;
}
