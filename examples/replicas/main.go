// Command replicas runs a primary and two replicas and reads its own writes
// from a replica: it starts a private GTID replica set with mysqltest, makes
// a Cluster over its three nodes, writes a row through the writer, and reads
// it back through a replica with the write's GTID as the token, so the
// replica first waits until it has the row (or the read goes to the
// primary). It prints the row and which node served each step.
//
// A replica set needs servers of its own, so this example always starts
// private ones (it does not use AIOMYSQL_DSN).
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/mysqltest"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	err := run(ctx)
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	rs, err := mysqltest.StartReplicaSet(ctx, nil)
	if err != nil {
		return err
	}
	defer rs.Close()
	if err := rs.Primary().ExecAs(ctx, rs.App, "CREATE TABLE tbl (id INT PRIMARY KEY AUTO_INCREMENT, val VARCHAR(255))"); err != nil {
		return err
	}
	// The cluster's health checks read SHOW SLAVE STATUS.
	if err := rs.Primary().Exec(ctx, "GRANT SLAVE MONITOR ON *.* TO '"+rs.App.Name+"'@'%'"); err != nil {
		return err
	}
	if err := rs.WaitReplicated(ctx); err != nil {
		return err
	}
	cfg, err := aiomysql.ParseDSN(rs.Primary().DSN(rs.App) + "?tls=false")
	if err != nil {
		return err
	}
	for _, n := range rs.Nodes() {
		cfg.Hosts = append(cfg.Hosts, n.Addr())
	}
	names := map[int]string{rs.Primary().Port: "primary"}
	for i, r := range rs.Replicas() {
		names[r.Port] = fmt.Sprintf("replica %d", i+1)
	}
	cluster, err := aiomysql.CreateCluster(ctx, &aiomysql.ClusterConfig{Pool: aiomysql.NewPoolConfig(cfg)})
	if err != nil {
		return err
	}
	defer func() { cluster.Close(); _ = cluster.WaitClosed(ctx) }()

	var id int64
	var wrote int
	gtid, err := cluster.Write(ctx, func(pc aiomysql.PoolConn) error {
		res, err := pc.Exec(ctx, "INSERT INTO tbl (val) VALUES (?)", "written on the primary")
		if err != nil {
			return err
		}
		id, _ = res.LastInsertId()
		return pc.QueryRow(ctx, "SELECT @@port").Scan(&wrote)
	})
	if err != nil {
		return err
	}
	fmt.Printf("wrote id %d on the %s (GTID %s)\n", id, names[wrote], gtid)

	return cluster.Read(aiomysql.WithReadAfter(ctx, gtid), func(pc aiomysql.PoolConn) error {
		var val string
		var port int
		if err := pc.QueryRow(ctx, "SELECT val, @@port FROM tbl WHERE id = ?", id).Scan(&val, &port); err != nil {
			return err
		}
		fmt.Printf("read id %d from the %s: %s\n", id, names[port], val)
		return nil
	})
}
