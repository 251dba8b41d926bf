export default async function check(): Promise<void> {}
