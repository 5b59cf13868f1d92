// The Tech Bar's words for people: device types as they say them, the common symptoms of each
// to pick from (so that Digital Policing's trends group like with like), and times and shares.
export const deviceNames: Record<string, string> = {
  laptop: "Laptop", tablet: "Tablet", phone: "Phone", radio: "Radio", body_worn_camera: "Body-worn camera",
  desktop: "Desktop", printer: "Printer", account_access: "Account or access", software: "Software",
};

export const commonSymptoms: Record<string, string[]> = {
  laptop: ["will not start", "slow", "no network or VPN", "screen damaged", "battery or charging", "keyboard or trackpad"],
  tablet: ["will not start", "screen damaged", "app will not open", "battery or charging", "no signal"],
  phone: ["will not start", "screen damaged", "no signal", "app will not open", "battery or charging"],
  radio: ["no signal", "will not start", "battery or charging", "audio faulty", "not on the right talk group"],
  body_worn_camera: ["will not dock", "footage not uploading", "will not record", "battery or charging"],
  desktop: ["will not start", "slow", "no network", "monitor or peripherals"],
  printer: ["will not print", "paper jam", "cannot find printer"],
  account_access: ["locked out", "password expired", "missing access to a system", "smartcard not working"],
  software: ["will not install", "crashes", "licence expired", "needs an update"],
};

export const minutes = (s: number | null | undefined) =>
  s === null || s === undefined ? "—" : s < 90 ? `${Math.round(s)} s` : `${Math.round(s / 60)} min`;

export const duration = (s: number | null | undefined) =>
  s === null || s === undefined ? "—" : s < 2 * 3600 ? `${Math.round(s / 60)} min`
    : s < 2 * 86400 ? `${(s / 3600).toFixed(1)} h` : `${(s / 86400).toFixed(1)} days`;

export const percent = (share: number | null | undefined) =>
  share === null || share === undefined ? "—" : `${Math.round(100 * share)}%`;

export const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : "—");
