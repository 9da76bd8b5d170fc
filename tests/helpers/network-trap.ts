import { createSocket, type Socket as UdpSocket } from 'node:dgram'
import { createServer, type Server, type Socket } from 'node:net'

/** A TCP and a UDP listener on one loopback port, counting whatever reaches them. */
export interface NetworkTrap {
  /** The port both listen on. */
  readonly port: number
  /** `127.0.0.1:PORT`, to put where a hostile manuscript would connect to. */
  readonly host: string
  /** One entry per TCP connection: its first line (`GET /t-ws HTTP/1.1`), or `(connect)` when it sent nothing. */
  readonly connections: readonly string[]
  /** One entry per UDP packet: its size and first bytes, in hex. */
  readonly packets: readonly string[]
  close(): Promise<void>
}

/**
 * Start TCP and UDP listeners on 127.0.0.1 at one free port. Unlike an HTTP
 * server, the TCP side counts every connection, also those that send nothing
 * (a preconnect) or speak something else; the UDP side counts every datagram
 * (a STUN binding request). A sandboxed build reaches neither.
 */
export async function startNetworkTrap(): Promise<NetworkTrap> {
  const connections: string[] = []
  const packets: string[] = []
  const sockets = new Set<Socket>()
  const tcp = createServer((socket) => {
    sockets.add(socket)
    const index = connections.push('(connect)') - 1
    let head = ''
    socket.on('data', (chunk) => {
      if (head.includes('\n')) return
      head += chunk.toString('latin1')
      connections[index] = head.split('\r\n')[0] ?? head
      // Answer like a web server that has nothing, so that nothing waits on us.
      socket.end('HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n')
    })
    socket.on('error', () => undefined)
    socket.on('close', () => sockets.delete(socket))
  })
  // Port 0 for TCP, then the same number for UDP; a rare clash with another UDP user: try again.
  for (let attempt = 0; ; attempt++) {
    const port = await listenTcp(tcp)
    const udp = createSocket('udp4')
    udp.on('message', (message) => packets.push(`${message.length} bytes: ${message.subarray(0, 8).toString('hex')}`))
    try {
      await bindUdp(udp, port)
    } catch (error) {
      udp.close()
      await new Promise<void>((resolve) => tcp.close(() => resolve()))
      if (attempt < 5) continue
      throw error
    }
    return {
      port,
      host: `127.0.0.1:${port}`,
      connections,
      packets,
      close: async () => {
        for (const socket of sockets) socket.destroy()
        await Promise.all([new Promise<void>((resolve) => tcp.close(() => resolve())), new Promise<void>((resolve) => udp.close(() => resolve()))])
      },
    }
  }
}

function listenTcp(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : 0)
    })
  })
}

function bindUdp(socket: UdpSocket, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject)
    socket.bind(port, '127.0.0.1', () => {
      socket.off('error', reject)
      resolve()
    })
  })
}
