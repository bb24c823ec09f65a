import { PlusOutlined } from '@ant-design/icons';
import type { Course } from '@skillcert/shared/api/banks';
import { App, Button, Card, Flex, Popconfirm, Space, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useBlueprints } from '@/features/blueprints/api/get-blueprints';
import { blueprintLabel } from '@/features/blueprints/components/blueprint-nodes';
import { BlueprintSelect } from '@/features/blueprints/components/blueprint-select';
import { useDeleteCourse } from '@/features/curriculum/api/delete-course';
import { useCourses } from '@/features/curriculum/api/get-courses';
import { CourseFormDrawer } from '@/features/curriculum/components/course-form-drawer';
import { CoverageView } from '@/features/curriculum/components/coverage-view';
import { can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { useListParams } from '@/lib/search-params';

const FILTER_KEYS = ['tab', 'blueprintId'] as const;

type DrawerState = { mode: 'create' } | { mode: 'edit'; course: Course } | null;

/** 课程对接: the school's courses mapped to blueprint areas, and per blueprint the covered and bare areas (课证融通). */
export function CurriculumPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const { values, page, pageSize, setFilters, setPage } = useListParams(FILTER_KEYS);
  const tab = values.tab === 'coverage' ? 'coverage' : 'courses';
  const courses = useCourses();
  const blueprints = useBlueprints();
  // With no blueprint picked, show the first one (a school often keeps just one or two).
  const shownBlueprint = values.blueprintId ?? blueprints.data?.[0]?.id;
  const byId = useMemo(() => new Map((blueprints.data ?? []).map((b) => [b.id, b])), [blueprints.data]);
  const remove = useDeleteCourse();
  const [drawer, setDrawer] = useState<DrawerState>(null);
  const manage = can(me, 'curriculum.manage') && me.organisation.kind === 'school';
  const withOrg = me.organisation.kind !== 'school';

  const columns: TableColumnsType<Course> = [
    { key: 'name', title: t('curriculum.fields.name'), width: 200, render: (_, c) => <span data-testid="course-row-name">{c.name}</span> },
    { key: 'code', title: t('curriculum.fields.code'), width: 110, render: (_, c) => c.code ?? t('common.none') },
    { key: 'major', title: t('curriculum.fields.major'), width: 110, render: (_, c) => c.majorCode ?? t('common.none') },
    { key: 'hours', title: t('curriculum.fields.hours'), width: 80, render: (_, c) => c.hours ?? t('common.none') },
    {
      key: 'areas',
      title: t('curriculum.fields.areas'),
      render: (_, c) => {
        const blueprintIds = [...new Set(c.areas.map((a) => a.blueprintId))];
        return (
          <Flex vertical gap={4}>
            {blueprintIds.map((id) => {
              const bp = byId.get(id);
              return (
                <div key={id}>
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 4 }}>
                    {bp ? blueprintLabel(bp, t, withOrg) : id}
                  </Typography.Text>
                  {c.areas
                    .filter((a) => a.blueprintId === id)
                    .map((a) => {
                      const area = bp?.[a.part].find((x) => x.code === a.areaCode);
                      return (
                        <Tag key={`${a.part}-${a.areaCode}`} color={a.part === 'theory' ? 'blue' : 'orange'}>
                          {area ? `${area.code} ${area.name}` : a.areaCode}
                        </Tag>
                      );
                    })}
                </div>
              );
            })}
          </Flex>
        );
      },
    },
    { key: 'updatedAt', title: t('blueprints.fields.updatedAt'), width: 170, render: (_, c) => formatDateTime(c.updatedAt) },
  ];
  if (manage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 130,
      fixed: 'end',
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDrawer({ mode: 'edit', course: c })} data-testid="course-edit">
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('curriculum.deleteConfirm', { name: c.name })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              remove.mutateAsync(c.id).then(
                () => void message.success(t('curriculum.deleted')),
                () => undefined,
              )
            }
          >
            <Button type="link" size="small" danger data-testid="course-delete">
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('curriculum.title')}
        subtitle={t('curriculum.subtitle')}
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })} data-testid="course-new">
              {t('curriculum.new')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setFilters({ tab: key === 'coverage' ? 'coverage' : undefined })}
          items={[
            { key: 'courses', label: <span data-testid="curriculum-tab-courses">{t('curriculum.tabCourses')}</span> },
            { key: 'coverage', label: <span data-testid="curriculum-tab-coverage">{t('curriculum.tabCoverage')}</span> },
          ]}
        />
        {tab === 'courses' ? (
          <Table<Course>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={courses.data ?? []}
            loading={courses.isFetching}
            scroll={{ x: 1100 }}
            pagination={{ current: page, pageSize, showSizeChanger: true, showTotal: (n) => t('common.total', { total: n }), onChange: setPage }}
            locale={{ emptyText: t('curriculum.empty') }}
            data-testid="courses-table"
          />
        ) : (
          <>
            <Flex style={{ marginBottom: 16 }}>
              <BlueprintSelect
                style={{ width: 360 }}
                value={shownBlueprint}
                onChange={(id) => setFilters({ tab: 'coverage', blueprintId: id })}
                data-testid="coverage-blueprint"
              />
            </Flex>
            <CoverageView blueprintId={shownBlueprint} />
          </>
        )}
      </Card>
      <CourseFormDrawer open={drawer !== null} course={drawer?.mode === 'edit' ? drawer.course : undefined} onClose={() => setDrawer(null)} />
    </>
  );
}
