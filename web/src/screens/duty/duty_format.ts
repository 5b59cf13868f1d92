// How the Duty screen writes times, days and names: UTC throughout, as the API keeps them.
export const day = 86_400_000;
export const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
export const todayStart = () => Math.floor(Date.now() / day) * day;
export const hhmm = (time: string) => time.slice(11, 16);
export const words = (name: string) => name.replaceAll("_", " ");
