// The parts of Peel (../shared/DESIGN.md). Each screen replaces its "not built yet" page as the
// part is built; `built` says which have a screen, `permission` what a user needs to open it.
export interface Part {
  id: string;
  name: string;
  purpose: string;
  users: string;
  built: boolean;
  permission?: string;
}

export const parts: Part[] = [
  { id: "cad", name: "Command & Control", built: true, permission: "cad.read", users: "Call handlers, dispatchers, supervisors",
    purpose: "Take 999, 101 and online contacts, open and grade incidents, recommend and dispatch the most appropriately skilled unit, and track every status." },
  { id: "iop", name: "Operating Picture", built: true, permission: "iop.read", users: "Control room leaders, BCU commanders",
    purpose: "One live view of demand, resource availability and performance against targets, by area and grade." },
  { id: "duty", name: "Duty Management", built: true, permission: "duty.own", users: "Resource planners, officers, supervisors",
    purpose: "People, skills, shift patterns, rosters, leave and abstractions; who is on duty now, with what skills." },
  { id: "pole", name: "Records", built: true, permission: "pole.read", users: "Officers, investigators, analysts",
    purpose: "One store of Persons, Objects, Locations and Events: crime recording, intelligence, search and duplicates." },
  { id: "custody", name: "Custody", built: false, users: "Custody sergeants, detention officers",
    purpose: "Custody records under PACE Code C: detention clock, reviews, rights, risk, property, charge and release." },
  { id: "cases", name: "Case Files", built: false, users: "Investigators, case builders",
    purpose: "Investigations, forensic exhibits and their continuity, and prosecution case files." },
  { id: "mobile", name: "Officer App", built: false, users: "Patrol officers",
    purpose: "My status and dispatches, checks on people and vehicles, and recording at the scene once." },
  { id: "robotics", name: "Robotics", built: true, permission: "robotics.submit", users: "Automation team, back-office units",
    purpose: "Automation that moves work between systems so nobody re-keys it." },
  { id: "techbar", name: "Tech Bar", built: true, permission: "techbar.use", users: "Officers and staff, IT engineers",
    purpose: "Walk-in IT support: check-in, queue, tickets at the counter, loans and surveys." },
  { id: "interop", name: "Blue-light Interop", built: false, users: "Partner control rooms",
    purpose: "Share incidents with fire and ambulance services in open standards." },
];
