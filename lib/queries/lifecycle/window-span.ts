/** Where the lifecycle's windows lie: window w covers the `windowDays` local days ending on day `firstEnd + w`. */
export interface WindowSpan {
  firstEnd: number;
  windows: number;
  windowDays: number;
}
