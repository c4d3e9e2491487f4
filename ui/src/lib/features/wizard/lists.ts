/** Suggestions offered in the wizard and small pure helpers for list fields. */

export const SECTORS = [
  "Managed IT services",
  "Cloud and hosting services",
  "Software as a service",
  "IT support and service desk",
  "Network and security services",
  "Internal IT department",
];

export const CUSTOMER_KINDS = [
  "Small and medium businesses",
  "Large enterprises",
  "Public sector",
  "Schools and education",
  "Healthcare",
  "Charities",
  "Other companies in our group",
];

export const INTERNAL_ISSUES = [
  "Key knowledge sits with one or two people",
  "Limited budget for tools and training",
  "Growth: new staff need onboarding quickly",
  "Ticketing and monitoring tools are not integrated",
  "Documentation is incomplete or out of date",
];

export const EXTERNAL_ISSUES = [
  "Customers ask for evidence of security and service controls",
  "Dependence on a few cloud and software vendors",
  "Rising licence and energy costs",
  "Data protection and sector regulation (e.g. GDPR, NIS2)",
  "Cyber threats such as ransomware and phishing",
  "Climate change: extreme weather affecting sites and suppliers",
  "Competition from larger providers",
];

export const PARTIES: Array<{ name: string; requirements: string }> = [
  { name: "Customers", requirements: "Agreed service levels, security of their data, clear reporting" },
  { name: "Users of the services", requirements: "Responsive support, working services during business hours" },
  { name: "Owners and directors", requirements: "Profitable services, certification, controlled risk" },
  { name: "Employees", requirements: "Clear roles, training, manageable workload" },
  { name: "Suppliers and partners", requirements: "Clear orders and agreements, timely payment" },
  { name: "Regulators", requirements: "Compliance with data protection and sector rules" },
  { name: "Certification body", requirements: "Conformity with ISO/IEC 20000-1, access to evidence" },
];

export const LOCATIONS = [
  "Head office",
  "Home working (remote)",
  "Customer sites",
  "Co-location data centre",
  "Public cloud region",
];

/** Adds `value` (trimmed) to `list` unless it is empty or already there (case-insensitive). */
export function addTo(list: string[], value: string): string[] {
  const v = value.trim();
  if (!v || list.some((x) => x.toLowerCase() === v.toLowerCase())) return list;
  return [...list, v];
}

/** `list` without `value`. */
export function removeFrom(list: string[], value: string): string[] {
  return list.filter((x) => x !== value);
}
