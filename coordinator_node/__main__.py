from coordinator_node.cli import main

main()
