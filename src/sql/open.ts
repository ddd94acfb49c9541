import type {OpenSession} from './session.js'

/** Opens a session with the driver for the URL's scheme; each driver is loaded only when used. */
export const openSession: OpenSession = async (target, options) => {
  if (target.dialect === 'mysql') return (await import('./mysql.js')).openMysqlSession(target, options)
  return (await import('./postgres.js')).openPostgresSession(target, options)
}
