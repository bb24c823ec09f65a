import { Spin, Tree, type TreeDataNode, Typography } from 'antd';
import { useMemo } from 'react';
import { useOccupationTree } from '@/features/occupations/api/get-occupation-tree';

interface OccupationTreeProps {
  /** The chosen 大类, 中类 or 小类 code. */
  selected?: string;
  onSelect: (group: string | undefined) => void;
}

/** Any level of the tree: a 大类 or 中类 has children, a 小类 does not. */
interface GroupNode {
  code: string;
  name: string;
  count: number;
  children?: GroupNode[];
}

function toNode(n: GroupNode): TreeDataNode {
  return {
    key: n.code,
    title: (
      <span data-testid={`occupation-tree-${n.code}`}>
        <Typography.Text type="secondary">{n.code}</Typography.Text> {n.name} <Typography.Text type="secondary">({n.count})</Typography.Text>
      </span>
    ),
    ...(n.children ? { children: n.children.map(toNode) } : {}),
  };
}

/** The edition's 大类 → 中类 → 小类, each with its number of occupations; choosing a node filters the list to it. */
export function OccupationTree({ selected, onSelect }: OccupationTreeProps) {
  const tree = useOccupationTree();
  const data = useMemo(() => (tree.data ?? []).map(toNode), [tree.data]);
  if (tree.isLoading) return <Spin />;
  return (
    <Tree
      blockNode
      showLine
      treeData={data}
      selectedKeys={selected ? [selected] : []}
      defaultExpandedKeys={selected ? [selected.slice(0, 1), selected.slice(0, 4)] : []}
      onSelect={(keys) => onSelect(keys[0] === undefined ? undefined : String(keys[0]))}
      data-testid="occupation-tree"
    />
  );
}
